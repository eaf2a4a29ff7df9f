import { Button, Container, Group, Stack, Text, Title } from "@mantine/core";
import { isRouteErrorResponse, Link, useRouteError } from "react-router";

import { useI18n } from "../i18n/useI18n";
import { errorMessage } from "../lib/errorMessage";
import { usePageTitle } from "../lib/usePageTitle";

/** The router's error boundary: a page that threw (or failed to load) shows this. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const title = notFound ? t("error.notFound.title") : t("error.title");
  usePageTitle(title);
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1} tabIndex={-1}>
          {title}
        </Title>
        <Text>{notFound ? t("error.notFound.body") : errorMessage(error, t)}</Text>
        <Group>
          {!notFound ? (
            <Button onClick={() => window.location.reload()}>{t("common.retry")}</Button>
          ) : null}
          <Button component={Link} to="/" variant="default">
            {t("common.home")}
          </Button>
        </Group>
      </Stack>
    </Container>
  );
}
