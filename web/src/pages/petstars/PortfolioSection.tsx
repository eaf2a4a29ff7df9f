import { Image, SimpleGrid, Stack, Text, Timeline, Title } from "@mantine/core";

import type { components } from "../../api/schema";
import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { pictureUrl } from "./figures";

type Portfolio = components["schemas"]["Portfolio"];
type HistoryEntry = components["schemas"]["HistoryEntry"];

function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const { t, calendarDate } = useI18n();
  return (
    <>
      <Text size="sm" c="dimmed">
        {t("petstars.profile.period", {
          start: calendarDate(entry.start_date),
          end: calendarDate(entry.end_date),
        })}
      </Text>
      {entry.description ? (
        <Text size="sm" mt={4} style={{ whiteSpace: "pre-line" }}>
          {entry.description}
        </Text>
      ) : null}
      {entry.images.length > 0 ? (
        <SimpleGrid cols={{ base: 3, sm: 4 }} spacing="xs" mt="sm" maw={520}>
          {entry.images.map((image, index) => (
            <Image
              key={image.media_id}
              src={pictureUrl(image, 320)}
              alt={t("petstars.profile.photo", { title: entry.title, n: index + 1 })}
              radius="sm"
              fit="cover"
              h={120}
              loading="lazy"
            />
          ))}
        </SimpleGrid>
      ) : null}
    </>
  );
}

/** The published portfolio: what the PetStar is like, how to reach them, what they did. */
export function PortfolioSection({ portfolio }: { portfolio: Portfolio }) {
  const { t } = useI18n();
  return (
    <>
      <Stack component="section" gap="xs" aria-labelledby="petstar-about">
        <Title order={2} id="petstar-about">
          {t("petstars.profile.about")}
        </Title>
        {portfolio.intro ? <Text style={{ whiteSpace: "pre-line" }}>{portfolio.intro}</Text> : null}
        <dl style={{ margin: 0 }}>
          {portfolio.personality ? (
            <>
              <Text component="dt" size="xs" c="dimmed">
                {t("petstars.profile.personality")}
              </Text>
              <Text component="dd" m={0} mb="xs">
                {portfolio.personality}
              </Text>
            </>
          ) : null}
          <Text component="dt" size="xs" c="dimmed">
            {t("petstars.profile.contact")}
          </Text>
          <Text component="dd" m={0}>
            {t(`petstars.profile.contact.${portfolio.contact_preference}` as MessageKey)}
          </Text>
        </dl>
      </Stack>

      <Stack component="section" gap="sm" aria-labelledby="petstar-history">
        <Title order={2} id="petstar-history">
          {t("petstars.profile.history")}
        </Title>
        {portfolio.history.length === 0 ? (
          <Text c="dimmed">{t("petstars.profile.historyEmpty")}</Text>
        ) : (
          <Timeline bulletSize={16} lineWidth={2} active={portfolio.history.length}>
            {portfolio.history.map((entry) => (
              <Timeline.Item
                key={entry.id}
                title={
                  <Title order={3} fz="md">
                    {entry.title}
                  </Title>
                }
              >
                <HistoryItem entry={entry} />
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
    </>
  );
}
