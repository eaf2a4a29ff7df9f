import { Anchor, Button, Stack, Text } from "@mantine/core";
import { Link, useLocation, useParams } from "react-router";

import { ApiError } from "../../api/problem";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { PageSkeleton } from "../../components/Skeletons";
import { useI18n } from "../../i18n/useI18n";
import { PortfolioSection } from "./PortfolioSection";
import { ProfileHeader } from "./ProfileHeader";
import { usePetStar, usePetStarPortfolio } from "./queries";
import { SimilarSection } from "./SimilarSection";

// 404: not an approved PetStar (any more); 422: not even a pet id.
const isMissing = (error: unknown) =>
  error instanceof ApiError && (error.status === 404 || error.status === 422);

function NotFound({ back }: { back: string }) {
  const { t } = useI18n();
  return (
    <Stack align="flex-start">
      <PageTitle>{t("petstars.profile.notFound.title")}</PageTitle>
      <Text>{t("petstars.profile.notFound.body")}</Text>
      <Button component={Link} to={back}>
        {t("petstars.profile.back")}
      </Button>
    </Stack>
  );
}

/**
 * A PetStar's public profile: picture, Instagram figures, price, the published portfolio
 * with its activity history, and similar PetStars. Three calls side by side, none waiting
 * on another.
 */
export function ProfilePage() {
  const { t } = useI18n();
  const { petId = "" } = useParams();
  const location = useLocation();
  // Came from the directory: back to the same filters.
  const state = location.state as { directorySearch?: string } | null;
  const back = state?.directorySearch ? `/petstars?${state.directorySearch}` : "/petstars";
  const pet = usePetStar(petId);
  const portfolio = usePetStarPortfolio(petId);

  if (pet.isError && isMissing(pet.error)) return <NotFound back={back} />;
  const portfolioMissing = portfolio.isError && isMissing(portfolio.error);
  return (
    <Stack maw={1000} mx="auto" gap="xl">
      <Anchor component={Link} to={back} size="sm" style={{ alignSelf: "flex-start" }}>
        <span aria-hidden="true">← </span>
        {t("petstars.profile.back")}
      </Anchor>
      {pet.isPending ? <PageSkeleton /> : null}
      {pet.isError ? (
        <>
          <PageTitle>{t("petstars.title")}</PageTitle>
          <QueryError error={pet.error} onRetry={() => pet.refetch()} />
        </>
      ) : null}
      {pet.isSuccess ? <ProfileHeader pet={pet.data} portfolio={portfolio.data ?? null} /> : null}
      {pet.isSuccess && portfolio.isPending ? <PageSkeleton /> : null}
      {portfolio.isError && !portfolioMissing && pet.isSuccess ? (
        <QueryError error={portfolio.error} onRetry={() => portfolio.refetch()} />
      ) : null}
      {portfolioMissing && pet.isSuccess ? (
        <Text c="dimmed">{t("petstars.profile.portfolioMissing")}</Text>
      ) : null}
      {portfolio.isSuccess && pet.isSuccess ? (
        <PortfolioSection portfolio={portfolio.data} />
      ) : null}
      {/* Asked for at once, beside the pet and portfolio (no waterfall). */}
      {pet.isError ? null : <SimilarSection petId={petId} />}
    </Stack>
  );
}
