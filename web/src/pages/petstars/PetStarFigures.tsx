import { Badge, Group } from "@mantine/core";

import { useI18n } from "../../i18n/useI18n";
import { engagementPercent } from "./figures";

/** A PetStar's Instagram followers, engagement rate and price, as compact badges. */
export function PetStarFigures({
  followers,
  engagementRate,
  priceKrw,
}: {
  followers: number;
  engagementRate: number;
  priceKrw: number;
}) {
  const { t, number, price } = useI18n();
  return (
    <Group gap={6} mt="sm">
      <Badge variant="light" color="dark" tt="none">
        {t("common.followers", { count: number(followers) })}
      </Badge>
      <Badge variant="light" color="dark" tt="none">
        {t("petstars.engagement", { rate: number(engagementPercent(engagementRate)) })}
      </Badge>
      <Badge variant="outline" color="dark" tt="none">
        {priceKrw > 0 ? t("petstars.price", { price: price(priceKrw) }) : t("petstars.priceOpen")}
      </Badge>
    </Group>
  );
}
