import { Anchor, Button, Group, Skeleton, Stack } from "@mantine/core";
import { Link, NavLink } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { useAccount } from "./queries";
import { LastSynced } from "./LastSynced";
import { ReauthAlert } from "./ReauthAlert";
import { StatusBadge } from "./StatusBadge";
import { SyncButton } from "./SyncButton";

export type Section = "analytics" | "moderation";

/** The top of an account's pages: the title, its state, "sync now", and the way between
 * the analytics and the moderation page. */
export function AccountHeader({ accountId, section }: { accountId: string; section: Section }) {
  const { t } = useI18n();
  const account = useAccount(accountId);
  const a = account.data;
  const title = a
    ? t(`instagram.${section}.titleOf`, { username: a.username })
    : t(`instagram.${section}.title`);
  const base = `/instagram/${accountId}`;
  return (
    <Stack gap="sm">
      <Anchor component={Link} to="/instagram" size="sm">
        {t("instagram.nav.back")}
      </Anchor>
      <PageTitle>{title}</PageTitle>
      {account.isPending ? <Skeleton height={36} width="60%" aria-busy="true" /> : null}
      {account.isError ? (
        <QueryError error={account.error} onRetry={() => account.refetch()} />
      ) : null}
      {a ? (
        <>
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="sm" wrap="wrap">
              <StatusBadge status={a.status} />
              <LastSynced at={a.last_synced_at} />
            </Group>
            <SyncButton account={a} size="sm" />
          </Group>
          {a.status === "NEEDS_REAUTH" ? <ReauthAlert account={a} /> : null}
        </>
      ) : null}
      <Group component="nav" aria-label={t("instagram.nav.label")} gap="xs">
        <Button
          component={NavLink}
          to={base}
          end
          variant={section === "analytics" ? "light" : "subtle"}
        >
          {t("instagram.nav.analytics")}
        </Button>
        <Button
          component={NavLink}
          to={`${base}/moderation`}
          variant={section === "moderation" ? "light" : "subtle"}
        >
          {t("instagram.nav.moderation")}
        </Button>
      </Group>
    </Stack>
  );
}
