// /admin/users: find members by a part of their email or nickname, by role and status (the
// search is in the address, so a result can be shared and survives a reload); each result
// leads to the member's page.
import { Button, Card, Group, Select, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { Link, useSearchParams } from "react-router";

import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { AdminHeader, MoreButton } from "./bits";
import { RoleBadges, StatusBadge } from "./labels";
import { useUserList } from "./queries";
import { parseUserView, ROLES, STATUSES, userViewParams, type UserView } from "./rules";
import type { AdminUser } from "./types";

interface SearchValues {
  q: string;
  role: string;
  status: string;
}

function SearchForm({ view, onSearch }: { view: UserView; onSearch: (view: UserView) => void }) {
  const { t } = useI18n();
  const form = useForm<SearchValues>({
    initialValues: { q: view.q, role: view.role ?? "", status: view.status ?? "" },
  });
  const any = { value: "", label: t("admin.users.any") };
  const submit = (values: SearchValues) =>
    onSearch(parseUserView(new URLSearchParams(Object.entries(values))));
  return (
    <form role="search" onSubmit={form.onSubmit(submit)}>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t("admin.users.search")}
          type="search"
          maxLength={100}
          style={{ flex: "1 1 220px" }}
          {...form.getInputProps("q")}
        />
        <Select
          label={t("admin.users.role")}
          data={[any, ...ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))]}
          allowDeselect={false}
          w={140}
          {...form.getInputProps("role")}
        />
        <Select
          label={t("admin.users.status")}
          data={[any, ...STATUSES.map((s) => ({ value: s, label: t(`admin.status.${s}`) }))]}
          allowDeselect={false}
          w={120}
          {...form.getInputProps("status")}
        />
        <Button type="submit">{t("admin.users.find")}</Button>
      </Group>
    </form>
  );
}

function UserRow({ user }: { user: AdminUser }) {
  const { t, date } = useI18n();
  return (
    <Card withBorder padding="md" component="li">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text
            component={Link}
            to={`/admin/users/${user.id}`}
            fw={700}
            c="petful.9"
            style={{ overflowWrap: "anywhere" }}
          >
            {user.nickname}
          </Text>
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {user.email}
          </Text>
          {user.created_at ? (
            <Text size="xs" c="gray.7">
              {t("admin.users.joined", { date: date(user.created_at) })}
            </Text>
          ) : null}
        </Stack>
        <Group gap={4}>
          <RoleBadges roles={user.roles} />
          <StatusBadge status={user.status} />
        </Group>
      </Group>
    </Card>
  );
}

export function UsersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const view = parseUserView(params);
  const list = useUserList(view);
  const users = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack w="100%">
      <AdminHeader title={t("admin.users.title")} lead={t("admin.users.lead")} />
      <SearchForm
        key={params.toString()}
        view={view}
        onSearch={(next) => setParams(userViewParams(next))}
      />
      {list.isPending ? (
        <Stack aria-busy="true" aria-label={t("common.loading")}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={84} />
          ))}
        </Stack>
      ) : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && users.length === 0 ? <Text>{t("admin.users.empty")}</Text> : null}
      {users.length > 0 ? (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
          {users.map((user) => (
            <UserRow key={user.id} user={user} />
          ))}
        </Stack>
      ) : null}
      <MoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </Stack>
  );
}
