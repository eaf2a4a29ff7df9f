import { Alert, Anchor, Stack, Text } from "@mantine/core";
import { Link } from "react-router";

import { ApiError } from "../../api/problem";
import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";

/** A pet that could not be loaded: gone (or never ours) is said plainly; else retry. */
export function PetLoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  if (!(error instanceof ApiError && error.status === 404)) {
    return <QueryError error={error} onRetry={onRetry} />;
  }
  return (
    <Alert color="gray" variant="light">
      <Stack gap="xs">
        <Text size="sm">{t("pets.detail.notFound")}</Text>
        <Anchor component={Link} to="/pets" size="sm">
          {t("pets.detail.back")}
        </Anchor>
      </Stack>
    </Alert>
  );
}
