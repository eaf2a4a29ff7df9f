import {
  Avatar,
  Badge,
  Button,
  Card,
  Group,
  Image,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { api, data } from "../api/client";
import type { components } from "../api/schema";
import { useSession } from "../auth/useSession";
import { QueryError } from "../components/QueryError";
import { CardGridSkeleton } from "../components/Skeletons";
import type { MessageKey } from "../i18n/ko";
import { useI18n } from "../i18n/useI18n";
import { usePageTitle } from "../lib/usePageTitle";

type PetStarCard = components["schemas"]["PetStarCard"];
type Campaign = components["schemas"]["PublicCampaign"];

const FEATURES: readonly { title: MessageKey; body: MessageKey }[] = [
  { title: "landing.features.petstar.title", body: "landing.features.petstar.body" },
  { title: "landing.features.campaigns.title", body: "landing.features.campaigns.body" },
  { title: "landing.features.sns.title", body: "landing.features.sns.body" },
];

function PetStarTile({ card }: { card: PetStarCard }) {
  const { t, price, number } = useI18n();
  const picture = card.pet.image?.thumbnails["320"] ?? card.pet.image?.url;
  return (
    <Card
      component={Link}
      to={`/petstars/${card.pet.id}`}
      withBorder
      padding="sm"
      w={220}
      style={{ flex: "0 0 auto" }}
    >
      <Card.Section>
        {picture ? (
          <Image src={picture} alt="" h={160} fit="cover" />
        ) : (
          <Avatar size={160} radius={0} mx="auto" alt={card.pet.name}>
            {card.pet.name.slice(0, 1)}
          </Avatar>
        )}
      </Card.Section>
      <Text fw={700} mt="sm">
        {card.pet.name}
      </Text>
      <Text size="sm" c="dimmed" lineClamp={2}>
        {card.portfolio_intro}
      </Text>
      <Group gap={6} mt="xs">
        <Badge variant="light" color="dark">
          {t("common.followers", { count: number(card.followers_count) })}
        </Badge>
        {card.price_krw > 0 ? (
          <Badge variant="outline" color="dark">
            {t("landing.petstars.price", { price: price(card.price_krw) })}
          </Badge>
        ) : null}
      </Group>
    </Card>
  );
}

function PetStars() {
  const { t } = useI18n();
  const petstars = useQuery({
    queryKey: ["petstars", { page_size: 8 }],
    queryFn: async () =>
      data(await api.GET("/api/v1/petstars", { params: { query: { page_size: 8 } } })),
  });
  if (petstars.isPending) return <CardGridSkeleton count={3} />;
  if (petstars.isError)
    return <QueryError error={petstars.error} onRetry={() => petstars.refetch()} />;
  if (petstars.data.items.length === 0)
    return <Text c="dimmed">{t("landing.petstars.empty")}</Text>;
  return (
    // Focusable, so keyboard users can scroll the row too.
    <ScrollArea
      type="auto"
      offsetScrollbars
      viewportProps={{ tabIndex: 0, "aria-label": t("landing.petstars.title") }}
    >
      <Group wrap="nowrap" align="stretch" gap="md" pb="xs">
        {petstars.data.items.map((card) => (
          <PetStarTile key={card.pet.id} card={card} />
        ))}
      </Group>
    </ScrollArea>
  );
}

function CampaignTile({ campaign }: { campaign: Campaign }) {
  const { t, date } = useI18n();
  return (
    <Card component={Link} to={`/campaigns/${campaign.id}`} withBorder padding="md">
      <Text fw={700}>{campaign.title}</Text>
      <Text size="sm" c="dimmed">
        {campaign.company_name}
      </Text>
      {campaign.recruit_end ? (
        <Text size="sm" mt="xs">
          {t("landing.campaigns.deadline", { date: date(campaign.recruit_end) })}
        </Text>
      ) : null}
    </Card>
  );
}

function RecruitingCampaigns() {
  const { t } = useI18n();
  const campaigns = useQuery({
    queryKey: ["public-campaigns", { tab: "recruiting", page_size: 6 }],
    queryFn: async () =>
      data(
        await api.GET("/api/v1/public/campaigns", {
          params: { query: { tab: "recruiting", page_size: 6 } },
        }),
      ),
  });
  if (campaigns.isPending) return <CardGridSkeleton count={3} />;
  if (campaigns.isError) {
    return <QueryError error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  }
  if (campaigns.data.items.length === 0) {
    return <Text c="dimmed">{t("landing.campaigns.empty")}</Text>;
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
      {campaigns.data.items.map((campaign) => (
        <CampaignTile key={campaign.id} campaign={campaign} />
      ))}
    </SimpleGrid>
  );
}

export function LandingPage() {
  const { t } = useI18n();
  const session = useSession();
  usePageTitle(null);
  return (
    <Stack gap={48} maw={1100} mx="auto">
      <Stack component="section" gap="md" py="lg" aria-labelledby="landing-title">
        <Title id="landing-title" order={1} tabIndex={-1} fz={{ base: 28, sm: 40 }}>
          {t("landing.title")}
        </Title>
        <Text size="lg" maw={680}>
          {t("landing.lead")}
        </Text>
        <Group>
          {session.status === "signedIn" ? (
            <Button component={Link} to="/account" size="md">
              {t("landing.ctaAccount")}
            </Button>
          ) : (
            <>
              <Button component={Link} to="/signup" size="md">
                {t("landing.ctaSignup")}
              </Button>
              <Button component={Link} to="/login" size="md" variant="default">
                {t("landing.ctaLogin")}
              </Button>
            </>
          )}
        </Group>
      </Stack>

      <Stack component="section" aria-labelledby="features-title">
        <Title id="features-title" order={2}>
          {t("landing.features.title")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {FEATURES.map((feature) => (
            <Card key={feature.title} withBorder padding="lg">
              <Title order={3} fz="lg">
                {t(feature.title)}
              </Title>
              <Text size="sm" mt="xs">
                {t(feature.body)}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>

      <Stack component="section" aria-labelledby="petstars-title">
        <Title id="petstars-title" order={2}>
          {t("landing.petstars.title")}
        </Title>
        <PetStars />
      </Stack>

      <Stack component="section" aria-labelledby="campaigns-title">
        <Title id="campaigns-title" order={2}>
          {t("landing.campaigns.title")}
        </Title>
        <RecruitingCampaigns />
      </Stack>
    </Stack>
  );
}
