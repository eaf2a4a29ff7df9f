import { Alert, Anchor, Badge, Group, List, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { isDisclosureTag } from "./rules";
import type { CampaignAd } from "./types";

function Section({ id, title, children }: { id: string; title: MessageKey; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Stack component="section" aria-labelledby={id} gap="xs">
      <Title id={id} order={2} fz="lg">
        {t(title)}
      </Title>
      {children}
    </Stack>
  );
}

function Bullets({ items, ordered = false }: { items: readonly string[]; ordered?: boolean }) {
  return (
    <List type={ordered ? "ordered" : "unordered"} spacing={4}>
      {items.map((item) => (
        <List.Item key={item}>{item}</List.Item>
      ))}
    </List>
  );
}

/** What the post must carry: keywords, hashtags and the advertising disclosure rule. */
function ContentGuide({ campaign }: { campaign: CampaignAd }) {
  const { t } = useI18n();
  return (
    <Section id="campaign-content" title="campaigns.detail.content">
      {campaign.keywords.length > 0 ? (
        <Stack gap={4}>
          <Text fw={600}>{t("campaigns.detail.keywords")}</Text>
          <Text size="sm">{t("campaigns.detail.keywordsHelp")}</Text>
          <Group gap={6} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
            {campaign.keywords.map((word) => (
              <Badge key={word} component="li" variant="outline" color="gray" c="gray.9">
                {word}
              </Badge>
            ))}
          </Group>
        </Stack>
      ) : null}
      {campaign.hashtags.length > 0 ? (
        <Stack gap={4}>
          <Text fw={600}>{t("campaigns.detail.hashtags")}</Text>
          <Group gap={6} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
            {campaign.hashtags.map((tag) => (
              <Badge
                key={tag}
                component="li"
                variant={isDisclosureTag(tag) ? "filled" : "light"}
                color={isDisclosureTag(tag) ? "red.9" : "petful"}
                c={isDisclosureTag(tag) ? undefined : "petful.9"}
                tt="none"
              >
                {tag}
              </Badge>
            ))}
          </Group>
        </Stack>
      ) : null}
      <Alert variant="light" color="red" title={t("campaigns.detail.disclosureTitle")}>
        <Text size="sm">{t("campaigns.detail.disclosureBody")}</Text>
      </Alert>
    </Section>
  );
}

/** The advertisement itself: product, objective, missions, the post's rules, requirements. */
export function CampaignInfo({ campaign }: { campaign: CampaignAd }) {
  const { t } = useI18n();
  return (
    <Stack gap="xl">
      <Section id="campaign-product" title="campaigns.detail.product">
        <Text fw={600}>{campaign.product_name}</Text>
        {campaign.product_description ? (
          <Text style={{ whiteSpace: "pre-line" }}>{campaign.product_description}</Text>
        ) : null}
        {campaign.product_url ? (
          <Anchor href={campaign.product_url} target="_blank" rel="noopener noreferrer">
            {t("campaigns.detail.productLink")}
          </Anchor>
        ) : null}
      </Section>
      {campaign.objective ? (
        <Section id="campaign-objective" title="campaigns.detail.objective">
          <Text style={{ whiteSpace: "pre-line" }}>{campaign.objective}</Text>
        </Section>
      ) : null}
      {campaign.missions.length > 0 ? (
        <Section id="campaign-missions" title="campaigns.detail.missions">
          <Bullets items={campaign.missions} ordered />
        </Section>
      ) : null}
      <ContentGuide campaign={campaign} />
      {campaign.requirements.length > 0 ? (
        <Section id="campaign-requirements" title="campaigns.detail.requirements">
          <Bullets items={campaign.requirements} />
        </Section>
      ) : null}
    </Stack>
  );
}
