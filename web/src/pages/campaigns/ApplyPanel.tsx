import { Anchor, Button, Card, List, Skeleton, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { ApplyForm } from "./ApplyForm";
import { StatusBadge } from "./CampaignBits";
import { useIsOwner, useMyApplications, useMyPets } from "./queries";
import { eligiblePets, recruiting } from "./rules";
import type { CampaignAd } from "./types";

function LoginToApply({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const next = encodeURIComponent(`/campaigns/${campaignId}`);
  return (
    <Stack gap="sm">
      <Text fw={600}>{t("campaigns.apply.loginTitle")}</Text>
      <Text size="sm">{t("campaigns.apply.loginBody")}</Text>
      <Button component={Link} to={`/login?next=${next}`} fullWidth>
        {t("campaigns.apply.login")}
      </Button>
      <Anchor component={Link} to="/signup" size="sm" ta="center">
        {t("campaigns.apply.signup")}
      </Anchor>
    </Stack>
  );
}

/** A signed-in owner's side: their applications here, then the form while it recruits. */
function OwnerApply({ campaign, now }: { campaign: CampaignAd; now: Date }) {
  const { t, dateTime } = useI18n();
  const pets = useMyPets(true);
  const applications = useMyApplications(campaign.id);
  if (pets.isPending || applications.isPending) return <Skeleton height={160} />;
  if (pets.isError) return <QueryError error={pets.error} onRetry={() => pets.refetch()} />;
  if (applications.isError) {
    return <QueryError error={applications.error} onRetry={() => applications.refetch()} />;
  }
  const live = applications.data.pages
    .flatMap((page) => page.items)
    .filter((a) => a.status !== "CANCELLED");
  const applied = new Set(live.map((a) => a.pet_id));
  const eligible = eligiblePets(pets.data, campaign.target_species);
  const open = eligible.filter((pet) => !applied.has(pet.id));
  const state = recruiting(campaign, now);
  const species = campaign.target_species.map((s) => t(`campaigns.species.${s}`)).join(", ");

  return (
    <Stack gap="md">
      {live.length > 0 ? (
        <Stack gap={6}>
          <Text fw={600}>{t("campaigns.apply.mine")}</Text>
          <List spacing={4}>
            {live.map((a) => (
              <List.Item key={a.id}>
                <Text size="sm" component="span" mr={6}>
                  {a.pet_name}
                </Text>
                <StatusBadge status={a.status} />
              </List.Item>
            ))}
          </List>
          <Anchor component={Link} to="/campaigns/applications" size="sm">
            {t("campaigns.apply.viewApplications")}
          </Anchor>
        </Stack>
      ) : null}
      {state === "upcoming" && campaign.recruit_start ? (
        <Text size="sm">
          {t("campaigns.apply.upcoming", { date: dateTime(campaign.recruit_start) })}
        </Text>
      ) : null}
      {state === "closed" ? <Text size="sm">{t("campaigns.apply.closed")}</Text> : null}
      {state === "open" && eligible.length === 0 ? (
        <Stack gap="xs">
          <Text size="sm">{t("campaigns.apply.noPetstar", { species })}</Text>
          <Anchor component={Link} to="/pets" size="sm">
            {t("campaigns.apply.toPets")}
          </Anchor>
        </Stack>
      ) : null}
      {state === "open" && eligible.length > 0 && open.length === 0 ? (
        <Text size="sm">{t("campaigns.apply.allApplied")}</Text>
      ) : null}
      {state === "open" && open.length > 0 ? (
        <ApplyForm key={open.map((p) => p.id).join()} campaignId={campaign.id} pets={open} />
      ) : null}
    </Stack>
  );
}

/** Apply: visitors are asked to log in (and come back here), owners get the form. */
export function ApplyPanel({
  campaign,
  signedIn,
  now,
}: {
  campaign: CampaignAd;
  signedIn: boolean | null;
  now: Date;
}) {
  const { t } = useI18n();
  const owner = useIsOwner();
  let body;
  if (signedIn === null) body = <Skeleton height={120} />;
  else if (!signedIn) body = <LoginToApply campaignId={campaign.id} />;
  else if (!owner) body = <Text size="sm">{t("campaigns.apply.ownersOnly")}</Text>;
  else body = <OwnerApply campaign={campaign} now={now} />;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="campaign-apply">
      <Title id="campaign-apply" order={2} fz="lg" mb="sm">
        {t("campaigns.apply.title")}
      </Title>
      {body}
    </Card>
  );
}
