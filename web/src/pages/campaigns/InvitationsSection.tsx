import { Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

import { QueryError } from "../../components/QueryError";
import { useI18n } from "../../i18n/useI18n";
import { StatusBadge } from "./CampaignBits";
import { useInvitations, useMyApplications } from "./queries";

/** Advertisers' invitations to my pets; accepting one means going to apply. */
export function InvitationsSection() {
  const { t, date } = useI18n();
  const invitations = useInvitations();
  // An invitation already answered shows the application's status instead of "go apply".
  const applications = useMyApplications();
  const answered = new Map(
    (applications.data?.pages ?? [])
      .flatMap((page) => page.items)
      .filter((a) => a.status !== "CANCELLED")
      .map((a) => [`${a.campaign_id}:${a.pet_id}`, a.status]),
  );
  let body;
  if (invitations.isPending) body = <Skeleton height={90} />;
  else if (invitations.isError) {
    body = <QueryError error={invitations.error} onRetry={() => invitations.refetch()} />;
  } else if (invitations.data.length === 0) {
    body = <Text c="dimmed">{t("campaigns.invitations.empty")}</Text>;
  } else {
    body = (
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {invitations.data.map((invitation) => {
          const status = answered.get(`${invitation.campaign_id}:${invitation.pet_id}`);
          return (
            <Card key={invitation.id} withBorder padding="md" data-testid="invitation">
              <Stack gap={6}>
                <Text size="sm" c="dimmed">
                  {t("campaigns.invitations.from", {
                    company: invitation.company_name,
                    pet: invitation.pet_name,
                  })}
                </Text>
                <Title order={3} fz="md">
                  {invitation.campaign_title}
                </Title>
                {invitation.message ? (
                  <Text size="sm" style={{ whiteSpace: "pre-line" }}>
                    {invitation.message}
                  </Text>
                ) : null}
                <Group justify="space-between" wrap="wrap" gap="xs">
                  {invitation.recruit_end ? (
                    <Text size="xs" c="dimmed">
                      {t("campaigns.deadline.until", { date: date(invitation.recruit_end) })}
                    </Text>
                  ) : (
                    <span />
                  )}
                  {status ? (
                    <StatusBadge status={status} />
                  ) : (
                    <Button
                      component={Link}
                      to={`/campaigns/${invitation.campaign_id}`}
                      size="xs"
                      aria-label={`${t("campaigns.invitations.accept")}: ${invitation.campaign_title}`}
                    >
                      {t("campaigns.invitations.accept")}
                    </Button>
                  )}
                </Group>
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    );
  }
  return (
    <Stack component="section" aria-labelledby="invitations-title" gap="sm">
      <Title id="invitations-title" order={2} fz="xl">
        {t("campaigns.invitations.title")}
      </Title>
      {body}
    </Stack>
  );
}
