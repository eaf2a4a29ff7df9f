// /unsubscribe/:token, the page a mail's unsubscribe link opens (no sign-in: the token is
// the proof). It reads which category the link stops and acts only on the button, since mail
// scanners open links; then says it is done and where to turn mail back on. An unknown link
// says so. The token is a secret: it goes nowhere but the two API calls (no title, no link,
// no referrer: the page sets `no-referrer` while it is open).
import { Button, Card, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useLayoutEffect } from "react";
import { Link, useParams } from "react-router";

import { FormAlert } from "../../components/FormAlert";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { useUnsubscribe, useUnsubscribeLink } from "./settingsQueries";
import { isUnknownLink, SETTINGS_PATH } from "./settingsRules";

/** No Referer from this page while it is open (before its first request). */
function useNoReferrer(): void {
  useLayoutEffect(() => {
    const meta = document.createElement("meta");
    meta.name = "referrer";
    meta.content = "no-referrer";
    document.head.append(meta);
    return () => meta.remove();
  }, []);
}

function SettingsLink() {
  const { t } = useI18n();
  return (
    <Button component={Link} to={SETTINGS_PATH} variant="default" w="fit-content">
      {t("notifications.unsubscribe.toSettings")}
    </Button>
  );
}

function UnknownLink() {
  const { t } = useI18n();
  return (
    <Card withBorder padding="lg" data-testid="unsubscribe-unknown">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("notifications.unsubscribe.unknown")}
        </Title>
        <Text>{t("notifications.unsubscribe.unknownDetail")}</Text>
        <SettingsLink />
      </Stack>
    </Card>
  );
}

export function UnsubscribePage() {
  const { t } = useI18n();
  const { token = "" } = useParams();
  useNoReferrer();
  const link = useUnsubscribeLink(token);
  const unsubscribe = useUnsubscribe(token);

  let body: React.ReactNode;
  if (link.isPending) {
    body = <Skeleton height={160} aria-busy="true" aria-label={t("common.loading")} />;
  } else if (link.isError || (unsubscribe.isError && isUnknownLink(unsubscribe.error))) {
    body =
      isUnknownLink(link.error) || isUnknownLink(unsubscribe.error) ? (
        <UnknownLink />
      ) : (
        <QueryError error={link.error} onRetry={() => void link.refetch()} />
      );
  } else if (unsubscribe.isSuccess) {
    const category = t(`notifications.category.${unsubscribe.data.category}`);
    body = (
      <Card withBorder padding="lg" role="status" data-testid="unsubscribe-done">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t("notifications.unsubscribe.done", { category })}
          </Title>
          <Text>{t("notifications.unsubscribe.doneDetail")}</Text>
          <SettingsLink />
        </Stack>
      </Card>
    );
  } else {
    const category = t(`notifications.category.${link.data.category}`);
    body = (
      <Card withBorder padding="lg" data-testid="unsubscribe-question">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t("notifications.unsubscribe.question", { category })}
          </Title>
          <Text>{t("notifications.unsubscribe.detail", { category })}</Text>
          <FormAlert message={unsubscribe.isError ? errorMessage(unsubscribe.error, t) : null} />
          <Button
            w="fit-content"
            color="red.8"
            loading={unsubscribe.isPending}
            onClick={() => unsubscribe.mutate()}
          >
            {t("notifications.unsubscribe.confirm")}
          </Button>
        </Stack>
      </Card>
    );
  }
  return (
    <Stack maw={560} mx="auto" w="100%">
      <PageTitle>{t("notifications.unsubscribe.title")}</PageTitle>
      {body}
    </Stack>
  );
}
