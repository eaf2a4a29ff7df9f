import { Alert, Button, Group, Text } from "@mantine/core";

import { ApiError } from "../api/problem";
import { useI18n } from "../i18n/useI18n";
import { errorMessage } from "../lib/errorMessage";

/** A failed load: what went wrong and, when trying again can help, a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const retryable = !(error instanceof ApiError) || error.kind !== "client";
  return (
    <Alert color="red" title={t("error.title")} role="alert">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm">{errorMessage(error, t)}</Text>
        {retryable && onRetry ? (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
