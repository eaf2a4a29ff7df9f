// Pieces every console page shares: the heading with the console's menu, a titled card,
// the "more" button of a paged list, and the reason field of actions on an account.
import { Box, Button, Card, Group, Text, Textarea, Title } from "@mantine/core";
import type { GetInputPropsReturnType } from "@mantine/form";
import type { ReactNode } from "react";

import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/useI18n";
import { AdminNav } from "./AdminNav";
import { REASON_MAX } from "./rules";

/** The page's h1, its one-line purpose and the console's menu. */
export function AdminHeader({ title, lead }: { title: string; lead: string }) {
  return (
    <Box>
      <PageTitle>{title}</PageTitle>
      <Text mb="md">{lead}</Text>
      <AdminNav />
    </Box>
  );
}

/** A card with an h2, labelled by it (a landmark a screen reader can jump to). */
export function Section({
  id,
  title,
  lead,
  children,
}: {
  id: string;
  title: string;
  lead?: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Title order={2} fz="h4" id={id} mb={lead ? 4 : "sm"}>
        {title}
      </Title>
      {lead ? (
        <Text size="sm" c="gray.7" mb="sm">
          {lead}
        </Text>
      ) : null}
      {children}
    </Card>
  );
}

/** The next page of a list, while there is one. */
export function MoreButton({
  hasMore,
  loading,
  onMore,
}: {
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  const { t } = useI18n();
  if (!hasMore) return null;
  return (
    <Group justify="center">
      <Button variant="default" loading={loading} onClick={onMore}>
        {t("admin.more")}
      </Button>
    </Group>
  );
}

/** The reason every action on an account asks for (it goes into the audit log). */
export function ReasonField(input: GetInputPropsReturnType) {
  const { t } = useI18n();
  return (
    <Textarea
      label={t("admin.reason")}
      description={t("admin.reason.hint")}
      required
      autosize
      minRows={2}
      maxLength={REASON_MAX}
      {...input}
    />
  );
}
