// What a report is about, shown in full so the admin decides from the queue itself: the
// post (board, title, text, first picture), the comment (and the post it is on) or the user.
import { Anchor, Badge, Group, Image, Paper, Stack, Text } from "@mantine/core";
import { Link } from "react-router";

import { useI18n } from "../../../i18n/useI18n";
import type { QueuedReport } from "./queries";

type Target = NonNullable<QueuedReport["target"]>;
type Person = { nickname: string; withdrawn: boolean };

function Who({ person }: { person: Person }) {
  const { t } = useI18n();
  return <>{person.withdrawn ? t("adminQueues.reports.withdrawn") : person.nickname}</>;
}

function State({ hidden, deleted }: { hidden: boolean; deleted: boolean }) {
  const { t } = useI18n();
  if (!hidden && !deleted) return null;
  return (
    <Badge color={deleted ? "red.9" : "gray.7"} variant="filled">
      {t(deleted ? "adminQueues.reports.deleted" : "adminQueues.reports.hidden")}
    </Badge>
  );
}

export function ReportTarget({ target }: { target: Target | null | undefined }) {
  const { t, dateTime } = useI18n();
  if (!target) {
    return (
      <Text size="sm" c="dimmed">
        {t("adminQueues.reports.gone")}
      </Text>
    );
  }
  if (target.type === "USER") {
    return (
      <Paper withBorder p="sm" radius="sm" data-testid="reported-content">
        <Text size="sm">
          {t("adminQueues.reports.user")}: <Who person={target} />
        </Text>
      </Paper>
    );
  }
  const picture =
    target.type === "POST" ? (target.thumbnails["320"] ?? target.image_url ?? null) : null;
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="reported-content">
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Badge variant="light" color="gray">
            {target.type === "POST"
              ? t(`community.board.${target.board as "INFORMATION" | "QUESTION" | "SHOW_OFF"}`)
              : t("adminQueues.reports.comment")}
          </Badge>
          <State hidden={target.hidden} deleted={target.deleted} />
          <Text size="xs" c="dimmed">
            <Who person={target.author} />
            {target.created_at ? ` · ${dateTime(target.created_at)}` : ""}
          </Text>
        </Group>
        {target.type === "POST" ? (
          <Text fw={700}>{target.title}</Text>
        ) : (
          <Text size="xs" c="dimmed">
            {t("adminQueues.reports.onPost", { title: target.post_title })}
          </Text>
        )}
        <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {target.body || t("adminQueues.reports.noText")}
        </Text>
        {picture ? (
          <Image src={picture} alt={t("adminQueues.reports.picture")} maw={240} radius="sm" />
        ) : null}
        {!target.deleted ? (
          <Anchor
            component={Link}
            to={`/community/posts/${target.type === "POST" ? target.id : target.post_id}`}
            size="sm"
          >
            {t("adminQueues.reports.openPost")}
          </Anchor>
        ) : null}
      </Stack>
    </Paper>
  );
}
