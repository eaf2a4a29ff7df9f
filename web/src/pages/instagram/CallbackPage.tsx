import { Alert, Button, Card, Group, Loader, Radio, Stack, Text } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";

import { PageTitle } from "../../components/PageTitle";
import type { MessageKey } from "../../i18n/ko";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { LinkButton } from "./LinkButton";
import {
  CALLBACK_PATH,
  callbackUrl,
  failureOf,
  forget,
  readCallback,
  recall,
  safeReturn,
  type Failure,
} from "./linkFlow";
import { useCompleteLink } from "./queries";
import type { AccountChoice, LinkCompleteIn } from "./types";
import { useNotify } from "./useNotify";

// What can go wrong, each with its message (a choice to make is not a failure).
type FailureKind = Exclude<Failure["kind"], "choose"> | "missing";

type Step =
  | { step: "working" }
  | { step: "choose"; choices: AccountChoice[] }
  | { step: "failed"; failure: FailureKind; message: string };

const FAILED: Record<FailureKind, MessageKey> = {
  cancelled: "instagram.callback.cancelled",
  expired: "instagram.callback.expired",
  refused: "instagram.callback.refused",
  missing: "instagram.callback.missing",
  other: "instagram.callback.failed",
};

/** Where Facebook's login dialog sends the person back: finishes the link (the first sync
 * runs meanwhile), asks which account when Facebook's user has several, and says what went
 * wrong with a way back. On success: a notice, and the accounts page. */
export function CallbackPage() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const notify = useNotify();
  const complete = useCompleteLink();
  // Read once: the address loses the code at once (a code is good once; a reload, the
  // history or a shared address must not carry it).
  const [back] = useState(() => readCallback(location.search));
  const [pending] = useState(() => recall(window.sessionStorage, back.state));
  const [step, setStep] = useState<Step>(() =>
    back.kind === "invalid"
      ? { step: "failed", failure: "missing", message: "" }
      : { step: "working" },
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const [chooseError, setChooseError] = useState<string | null>(null);
  const returnTo = safeReturn(pending?.returnTo);

  const finish = (body: LinkCompleteIn) => {
    // A second list after a choice: the choice was not among them (the pages changed).
    const askedBefore = step.step === "choose";
    complete.mutate(body, {
      onSuccess: (account) => {
        notify(t("instagram.link.done", { username: account.username }), "green");
        void navigate("/instagram", { replace: true });
      },
      onError: (error) => {
        const failure = failureOf(error);
        if (failure.kind === "choose") {
          setStep({ step: "choose", choices: failure.choices });
          setChooseError(askedBefore ? t("instagram.callback.chooseAgain") : null);
          return;
        }
        setStep({ step: "failed", failure: failure.kind, message: errorMessage(error, t) });
      },
    });
  };

  // Once per visit (React's development double effects included): the code is good once.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    forget(window.sessionStorage);
    void navigate(CALLBACK_PATH, { replace: true });
    if (back.kind === "invalid") return;
    finish({
      state: back.state,
      redirect_uri: callbackUrl(window.location.origin),
      code: back.kind === "code" ? back.code : null,
      error: back.kind === "error" ? back.error : null,
      ig_user_id: pending?.igUserId ?? null,
    });
    // finish and the values read once above are this visit's; nothing to re-run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const choose = () => {
    if (!chosen) {
      setChooseError(t("instagram.callback.chooseRequired"));
      return;
    }
    setChooseError(null);
    finish({
      state: back.state,
      redirect_uri: callbackUrl(window.location.origin),
      ig_user_id: chosen,
    });
  };

  return (
    <Stack maw={640} mx="auto">
      <PageTitle>{t("instagram.callback.title")}</PageTitle>
      {step.step === "working" ? (
        <Card withBorder padding="lg" aria-busy="true">
          <Group gap="md" wrap="nowrap">
            <Loader size="sm" aria-hidden />
            <Text role="status">{t("instagram.callback.working")}</Text>
          </Group>
        </Card>
      ) : null}
      {step.step === "choose" ? (
        <Card
          withBorder
          padding="lg"
          component="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            choose();
          }}
        >
          <Stack>
            <Radio.Group
              label={t("instagram.callback.chooseLabel")}
              description={t("instagram.callback.chooseHint")}
              value={chosen}
              onChange={setChosen}
              error={chooseError}
            >
              <Stack gap="xs" mt={6}>
                {step.choices.map((c) => (
                  <Radio key={c.ig_user_id} value={c.ig_user_id} label={`@${c.username}`} />
                ))}
              </Stack>
            </Radio.Group>
            <Group justify="flex-end">
              <Button component={Link} to={returnTo} variant="default">
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={complete.isPending}>
                {t("instagram.callback.chooseSubmit")}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}
      {step.step === "failed" ? (
        <Alert
          color={step.failure === "cancelled" ? "gray" : "red"}
          title={t(
            step.failure === "cancelled"
              ? "instagram.callback.cancelledTitle"
              : "instagram.callback.failedTitle",
          )}
          role="alert"
          styles={{ title: { color: "var(--mantine-color-text)" } }}
        >
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t(FAILED[step.failure], { error: step.message })}</Text>
            <Group gap="sm">
              <LinkButton
                size="sm"
                reconnect={pending?.igUserId ? { igUserId: pending.igUserId } : undefined}
              >
                {t("instagram.callback.again")}
              </LinkButton>
              <Button component={Link} to={returnTo} size="sm" variant="default">
                {t("instagram.callback.back")}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}
    </Stack>
  );
}
