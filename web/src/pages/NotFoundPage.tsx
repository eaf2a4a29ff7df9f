import { Button, Stack, Text } from "@mantine/core";
import { Link } from "react-router";

import { PageTitle } from "../components/PageTitle";
import { useI18n } from "../i18n/useI18n";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Stack maw={560} mx="auto" py="xl">
      <PageTitle>{t("error.notFound.title")}</PageTitle>
      <Text>{t("error.notFound.body")}</Text>
      <Button component={Link} to="/" w="fit-content">
        {t("common.home")}
      </Button>
    </Stack>
  );
}
