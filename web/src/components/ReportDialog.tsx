// 신고하기: report a member, post or comment to the operators (POST /api/v1/reports), and
// the button that opens the dialog. Its messages are the account area's (account.report.*).
//
// Usage, on any page that shows something reportable:
//
//   <ReportButton target={{ type: "USER", id: profile.id, name: profile.nickname }} />
//
// or, with a trigger of the page's own (a menu item, an icon):
//
//   const [opened, { open, close }] = useDisclosure(false);
//   <ReportDialog opened={opened} onClose={close} target={target} />
//
// Props of ReportDialog:
// - `opened`, `onClose`: the dialog's state, as for a Mantine Modal (onClose on cancel,
//   Escape, the close button, and the "close" button after a report was sent).
// - `target`: what is reported. `type` is one of the API's target types (USER, POST,
//   COMMENT; the generated client's type, so tsc names any type the API adds later), `id`
//   the target's exact id (a user id for USER: e.g. a pet's `owner_user_id` or a campaign's
//   `advertiser_user_id`), `name` how the page names it (a nickname, a pet's name): it is
//   shown in the dialog, never sent.
// ReportButton takes `target` and, optionally, Mantine Button props (`variant`, `size`…;
// otherwise a small default "신고하기" button). Don't show either for the signed-in
// person's own account (the API refuses self-reports); signed out, the dialog asks to log
// in first.
//
// The dialog checks the category and the text (10–500 characters) before sending, shows the
// API's field errors beside their fields, says so when an open report about the same target
// exists (409), and ends in a success state linking to "my reports" (/account/reports).
import {
  Alert,
  Button,
  type ButtonProps,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useLocation } from "react-router";

import { api, data } from "../api/client";
import { ApiError } from "../api/problem";
import type { components } from "../api/schema";
import { useSession } from "../auth/useSession";
import type { MessageKey } from "../i18n/ko";
import { useI18n } from "../i18n/useI18n";
import { formProblem } from "../lib/formProblem";
import { lengthWithin, REPORT_TEXT_MAX, REPORT_TEXT_MIN } from "../pages/account/rules";
import { FormAlert } from "./FormAlert";

type ReportCreate = components["schemas"]["ReportCreate"];
export type ReportTargetType = ReportCreate["target_type"];
export type ReportCategory = ReportCreate["category"];

export interface ReportTarget {
  type: ReportTargetType;
  id: string;
  name: string;
}

export interface ReportDialogProps {
  opened: boolean;
  onClose: () => void;
  target: ReportTarget;
}

// Records over the generated unions: a type or category the API adds fails tsc here.
export const TARGET_LABEL: Record<ReportTargetType, MessageKey> = {
  USER: "account.report.target.USER",
  POST: "account.report.target.POST",
  COMMENT: "account.report.target.COMMENT",
};
export const CATEGORY_LABEL: Record<ReportCategory, MessageKey> = {
  SPAM: "account.report.category.SPAM",
  ABUSE: "account.report.category.ABUSE",
  INAPPROPRIATE: "account.report.category.INAPPROPRIATE",
  FRAUD: "account.report.category.FRAUD",
  OTHER: "account.report.category.OTHER",
};
const CATEGORY_HELP: Record<ReportCategory, MessageKey> = {
  SPAM: "account.report.categoryHelp.SPAM",
  ABUSE: "account.report.categoryHelp.ABUSE",
  INAPPROPRIATE: "account.report.categoryHelp.INAPPROPRIATE",
  FRAUD: "account.report.categoryHelp.FRAUD",
  OTHER: "account.report.categoryHelp.OTHER",
};
const CATEGORIES = Object.keys(CATEGORY_LABEL) as ReportCategory[];

/** The message for a refusal that no field explains, when we know it (else null). */
function refusal(error: unknown): MessageKey | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 409) return "account.report.duplicate";
  if (error.status === 404) return "account.report.notFound";
  if (error.status === 422 && error.fieldErrors.some((e) => e.field === "target_id")) {
    return "account.report.self"; // a well-formed id the API refuses: one's own account
  }
  return null;
}

function ReportForm({
  target,
  onSent,
  onCancel,
}: {
  target: ReportTarget;
  onSent: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    initialValues: { category: "", text: "" },
    validate: {
      category: (value) => (value ? null : t("auth.required")),
      text: (value) =>
        lengthWithin(value, REPORT_TEXT_MIN, REPORT_TEXT_MAX)
          ? null
          : t("account.report.textLength"),
    },
  });
  const send = useMutation({
    mutationFn: async (values: typeof form.values) =>
      data(
        await api.POST("/api/v1/reports", {
          body: {
            target_type: target.type,
            target_id: target.id,
            category: values.category as ReportCategory,
            text: values.text.trim(),
          },
        }),
      ),
    onSuccess: onSent,
    onError: (error) => {
      const known = refusal(error);
      const rest = formProblem(form, error, t);
      setMessage(known ? t(known) : rest);
    },
  });
  const category = form.values.category as ReportCategory | "";
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setMessage(null);
        send.mutate(values);
      })}
    >
      <Stack>
        <NativeSelect
          label={t("account.report.category")}
          description={category ? t(CATEGORY_HELP[category]) : undefined}
          required
          data-autofocus
          data={[
            { value: "", label: t("account.report.categoryPlaceholder"), disabled: true },
            ...CATEGORIES.map((value) => ({ value, label: t(CATEGORY_LABEL[value]) })),
          ]}
          {...form.getInputProps("category")}
        />
        <Textarea
          label={t("account.report.text")}
          description={t("account.report.textHint")}
          required
          autosize
          minRows={4}
          maxLength={REPORT_TEXT_MAX}
          {...form.getInputProps("text")}
        />
        <FormAlert message={message} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={send.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color="red.9" loading={send.isPending}>
            {t("account.report.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Sent({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Stack>
      <Alert color="green.9" variant="outline" title={t("account.report.sentTitle")} role="status">
        {t("account.report.sent")}
      </Alert>
      <Group justify="flex-end">
        <Button component={Link} to="/account/reports" variant="default" onClick={onClose}>
          {t("account.report.viewMine")}
        </Button>
        <Button onClick={onClose} data-autofocus>
          {t("account.report.close")}
        </Button>
      </Group>
    </Stack>
  );
}

function SignInFirst() {
  const { t } = useI18n();
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  return (
    <Stack>
      <Text>{t("account.report.signIn")}</Text>
      <Group justify="flex-end">
        <Button component={Link} to={`/login?next=${next}`}>
          {t("account.report.login")}
        </Button>
      </Group>
    </Stack>
  );
}

export function ReportDialog({ opened, onClose, target }: ReportDialogProps) {
  const { t } = useI18n();
  const session = useSession();
  const [sent, setSent] = useState(false);
  const close = () => {
    onClose();
    setSent(false);
  };
  let body;
  if (session.status !== "signedIn") body = <SignInFirst />;
  else if (sent) body = <Sent onClose={close} />;
  else body = <ReportForm target={target} onSent={() => setSent(true)} onCancel={close} />;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t("account.report.title")}
      size="md"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t("account.report.about", { name: target.name, type: t(TARGET_LABEL[target.type]) })}
        </Text>
        {body}
      </Stack>
    </Modal>
  );
}

/** A "신고하기" button that opens the report dialog for `target`. */
export function ReportButton({ target, ...button }: { target: ReportTarget } & ButtonProps) {
  const { t } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="default" size="compact-sm" {...button} onClick={open}>
        {t("account.report.open")}
      </Button>
      <ReportDialog opened={opened} onClose={close} target={target} />
    </>
  );
}
