// Small pieces the campaigns pages share: the picture, the deadline and status badges, and
// the clock they read. Badge text stays dark enough for WCAG AA: shade 9 of a light fill, or
// the "dot" variant (coloured dot, body-coloured text) where no shade 9 is dark enough.
import { Badge, Center, Image, Text } from "@mantine/core";
import { useEffect, useState } from "react";

import { useI18n } from "../../i18n/useI18n";
import { deadline, recruiting } from "./rules";
import type { ApplicantStatus, CampaignAd, CampaignImage } from "./types";

/** The best-sized picture URL of an image (thumbnails by width, else the original). */
export function pictureUrl(image: CampaignImage, width: "320" | "960" = "320"): string {
  return image.thumbnails[width] ?? image.url;
}

/** The campaign's first picture, or a plain tile with the product's initial (decorative). */
export function CampaignPicture({ campaign, height }: { campaign: CampaignAd; height: number }) {
  const image = campaign.images[0];
  if (image) {
    return <Image src={pictureUrl(image)} alt="" h={height} fit="cover" />;
  }
  return (
    <Center h={height} bg="orange.0" aria-hidden="true">
      <Text fz={40} fw={800} c="petful.9">
        {campaign.product_name.slice(0, 1)}
      </Text>
    </Center>
  );
}

/** "D-3 · 3월 9일 마감" while recruiting, else the campaign's phase. */
export function DeadlineBadge({ campaign, now }: { campaign: CampaignAd; now: Date }) {
  const { t, date } = useI18n();
  const state = recruiting(campaign, now);
  if (state === "upcoming" && campaign.recruit_start) {
    return (
      <Badge variant="light" color="blue" c="blue.9" style={{ flexShrink: 0 }}>
        {t("campaigns.upcoming", { date: date(campaign.recruit_start) })}
      </Badge>
    );
  }
  const left = state === "open" ? deadline(campaign.recruit_end, now) : null;
  if (!left || left.kind === "closed") {
    return (
      <Badge variant="light" color="gray" c="gray.9" style={{ flexShrink: 0 }}>
        {t(`campaigns.phase.${campaign.phase}`)}
      </Badge>
    );
  }
  const label =
    left.kind === "today"
      ? t("campaigns.deadline.today")
      : t("campaigns.deadline.days", { days: left.days });
  return (
    <Badge
      variant="filled"
      color={left.kind === "today" || left.days <= 3 ? "red.9" : "petful"}
      style={{ flexShrink: 0 }}
    >
      {label}
    </Badge>
  );
}

const STATUS_COLOURS: Record<ApplicantStatus, string> = {
  APPLIED: "blue",
  SELECTED: "teal",
  NOT_SELECTED: "gray",
  SHIPPED: "cyan",
  CONTENT_SUBMITTED: "indigo",
  REVISION_REQUESTED: "petful",
  APPROVED: "green",
  COMPLETED: "green",
  NO_SHOW: "red",
  CANCELLED: "gray",
};

export function StatusBadge({ status }: { status: ApplicantStatus }) {
  const { t } = useI18n();
  return (
    <Badge variant="dot" color={STATUS_COLOURS[status]} style={{ flexShrink: 0 }}>
      {t(`campaigns.status.${status}`)}
    </Badge>
  );
}

/** The time now, moving on every minute (deadlines and timelines follow it). */
export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}
