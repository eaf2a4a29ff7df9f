// My account (/account): the profile picture, the profile, the password, my reports, and
// leaving PetFul.
import { Anchor, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import { useLogout } from "../../auth/useLogout";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { useMe } from "./me";
import { PasswordChange } from "./PasswordChange";
import { ProfileSection } from "./Profile";
import { ProfilePicture } from "./ProfilePicture";
import { Withdrawal } from "./Withdrawal";

export { ME_QUERY } from "./me";

function MyReportsLink() {
  const { t } = useI18n();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="account-reports">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2} size="h4" id="account-reports">
            {t("account.reports.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("account.reports.lead")}
          </Text>
        </div>
        <Anchor component={Link} to="/account/reports">
          {t("account.reports.link")}
        </Anchor>
      </Group>
    </Card>
  );
}

export function AccountPage() {
  const { t } = useI18n();
  const logout = useLogout();
  const me = useMe();
  return (
    <Stack maw={800} mx="auto">
      <PageTitle>{t("account.title")}</PageTitle>
      {me.isPending ? <PageSkeleton /> : null}
      {me.isError ? <QueryError error={me.error} onRetry={() => me.refetch()} /> : null}
      {me.isSuccess ? (
        <>
          <ProfilePicture user={me.data} />
          <ProfileSection user={me.data} />
          <PasswordChange email={me.data.email} />
          <MyReportsLink />
          <Group justify="flex-end">
            <Button variant="default" onClick={logout}>
              {t("nav.logout")}
            </Button>
          </Group>
          <Withdrawal />
        </>
      ) : null}
    </Stack>
  );
}
