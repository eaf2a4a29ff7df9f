// /admin/users/:userId: one member as the console sees them: the profile, roles and status,
// the suspension (or reinstatement), the role, the devices they are signed in on, and a link to the
// audit log's entries about them.
import { Anchor, Box, Group, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { Link, useParams } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { AdminNav } from "./AdminNav";
import { Section } from "./bits";
import { RoleBadges, StatusBadge } from "./labels";
import { RoleCard } from "./RoleCard";
import { useUser } from "./queries";
import { auditViewParams } from "./rules";
import { SessionsCard } from "./SessionsCard";
import { SuspensionCard } from "./SuspensionCard";
import type { AdminUser } from "./types";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box style={{ minWidth: 0 }}>
      <Text component="dt" size="sm" c="gray.7">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </Box>
  );
}

function Profile({ user }: { user: AdminUser }) {
  const { t, date } = useI18n();
  const audit = auditViewParams({
    target_type: null,
    action: null,
    target_id: user.id,
    actor_id: null,
  });
  return (
    <Section id="user-profile" title={t("admin.user.profile")}>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" m={0}>
        <Fact label={t("admin.user.email")}>{user.email}</Fact>
        <Fact label={t("admin.user.name")}>{user.name}</Fact>
        <Fact label={t("admin.user.phone")}>{user.phone}</Fact>
        <Fact label={t("admin.user.joined")}>{user.created_at ? date(user.created_at) : "–"}</Fact>
        <Fact label={t("admin.user.roles")}>
          <Group gap={4} component="span">
            <RoleBadges roles={user.roles} />
          </Group>
        </Fact>
        <Fact label={t("admin.user.status")}>
          <StatusBadge status={user.status} />
        </Fact>
        <Fact label={t("admin.user.id")}>{user.id}</Fact>
      </SimpleGrid>
      <Anchor component={Link} to={`/admin/audit?${audit.toString()}`} size="sm" mt="sm">
        {t("admin.user.audit")}
      </Anchor>
    </Section>
  );
}

export function UserPage() {
  const { t } = useI18n();
  const { userId = "" } = useParams();
  const user = useUser(userId);
  return (
    <Stack w="100%" maw={860}>
      <Box>
        <Anchor component={Link} to="/admin/users" size="sm">
          ← {t("admin.user.back")}
        </Anchor>
        <PageTitle>{user.data?.nickname ?? t("admin.users.title")}</PageTitle>
        <AdminNav />
      </Box>
      {user.isPending ? (
        <Stack aria-busy="true" aria-label={t("common.loading")}>
          <Skeleton height={180} />
          <Skeleton height={200} />
        </Stack>
      ) : null}
      {user.isError ? <QueryError error={user.error} onRetry={() => void user.refetch()} /> : null}
      {user.isSuccess ? (
        <>
          <Profile user={user.data} />
          <SuspensionCard user={user.data} />
          <RoleCard user={user.data} />
          <SessionsCard user={user.data} />
        </>
      ) : null}
    </Stack>
  );
}
