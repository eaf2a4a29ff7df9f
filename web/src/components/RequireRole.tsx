import { Button, Stack, Text } from "@mantine/core";
import { Link, Outlet } from "react-router";

import { useSession } from "../auth/useSession";
import { useI18n } from "../i18n/useI18n";
import { PageTitle } from "./PageTitle";

/** Routes under this (inside RequireAuth) are one role's console: anyone else is told so
 *  here, before any request; the API refuses them as well. */
export function RequireRole({ role }: { role: "ADMIN" | "ADVERTISER" }) {
  const { t } = useI18n();
  const session = useSession();
  if (session.status === "signedIn" && session.user.roles.includes(role)) return <Outlet />;
  return (
    <Stack maw={560} mx="auto" py="xl">
      <PageTitle>{t("error.forbidden.title")}</PageTitle>
      <Text>{t(role === "ADMIN" ? "error.forbidden.admin" : "error.forbidden.advertiser")}</Text>
      <Button component={Link} to="/" w="fit-content">
        {t("common.home")}
      </Button>
    </Stack>
  );
}
