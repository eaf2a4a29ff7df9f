// The one form for writing and editing a post: board, title and body with counters,
// pictures (uploaded as they are picked), my pets to tag. The API's refusals show beside
// their fields; leaving with unsaved changes asks first.
import {
  Button,
  Chip,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { Link, useBlocker, useNavigate } from "react-router";

import { ConfirmModal } from "../../components/ConfirmModal";
import { FormAlert } from "../../components/FormAlert";
import { useI18n } from "../../i18n/useI18n";
import type { MessageKey } from "../../i18n/ko";
import { formProblem } from "../../lib/formProblem";
import { usePets } from "../pets/queries";
import { ImagesField } from "./ImagesField";
import { boardLabel } from "./labels";
import {
  BODY_MAX,
  BOARDS,
  charCount,
  IMAGES_MAX,
  PETS_MAX,
  postBody,
  postProblems,
  readyIds,
  TITLE_MAX,
  uploading,
  type Board,
  type DraftImage,
  type PostProblem,
  type PostValues,
} from "./rules";
import type { TaggedPet } from "./types";
import { useDraftImages } from "./useDraftImages";

export type PostBody = ReturnType<typeof postBody>;

const PROBLEMS: Record<PostProblem, MessageKey> = {
  titleRequired: "community.form.titleRequired",
  titleLong: "community.form.titleLong",
  bodyRequired: "community.form.bodyRequired",
  bodyLong: "community.form.bodyLong",
};

// The API names list items by index ("pet_ids.2"): each belongs to its list's field.
const RENAME: Record<string, string> = Object.fromEntries([
  ...Array.from({ length: IMAGES_MAX }, (_, i) => [`image_media_ids.${i}`, "image_media_ids"]),
  ...Array.from({ length: PETS_MAX }, (_, i) => [`pet_ids.${i}`, "pet_ids"]),
]);

function PetChips({
  tagged,
  value,
  onChange,
  error,
}: {
  tagged: readonly TaggedPet[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const pets = usePets();
  // My pets, and any tagged before that is no longer among them (so it can be untagged).
  const mine = (pets.data ?? []).map((p) => ({ id: p.id, name: p.name }));
  const known = new Set(mine.map((p) => p.id));
  const choices = [...mine, ...tagged.filter((p) => !known.has(p.id))];
  return (
    <Stack gap={6} role="group" aria-labelledby="post-pets-label">
      <Text fw={500} size="sm" id="post-pets-label">
        {t("community.form.pets", { max: PETS_MAX })}
      </Text>
      {pets.isPending ? null : choices.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("community.form.noPets")}
        </Text>
      ) : (
        <Chip.Group multiple value={value} onChange={onChange}>
          <Group gap={6}>
            {choices.map((pet) => (
              <Chip
                key={pet.id}
                value={pet.id}
                size="sm"
                disabled={!value.includes(pet.id) && value.length >= PETS_MAX}
              >
                {pet.name}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}
      {error ? (
        <Text size="sm" c="red.9" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}

// The navigation after saving says so, and is never held up by the guard.
const SAVED = { saved: true } as const;
const isSaved = (state: unknown) => (state as typeof SAVED | null)?.saved === true;

/** Asks before leaving a form with unsaved changes (not after it was saved). */
function useLeaveGuard(dirty: boolean) {
  const { t } = useI18n();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !isSaved(nextLocation.state) && currentLocation.pathname !== nextLocation.pathname,
  );
  return (
    <ConfirmModal
      opened={blocker.state === "blocked"}
      title={t("community.form.leaveTitle")}
      body={t("community.form.leaveBody")}
      confirmLabel={t("community.form.leave")}
      onConfirm={() => blocker.proceed?.()}
      onClose={() => blocker.reset?.()}
      pending={false}
      danger
    />
  );
}

export function PostForm({
  initial,
  initialImages = [],
  tagged = [],
  submitLabel,
  cancelTo,
  save,
}: {
  initial: PostValues;
  initialImages?: readonly DraftImage[];
  tagged?: readonly TaggedPet[];
  submitLabel: string;
  cancelTo: string;
  /** Sends the post (the post's page opens once it is saved). */
  save: (body: PostBody) => Promise<{ id: string }>;
}) {
  const { t, number } = useI18n();
  const navigate = useNavigate();
  const draft = useDraftImages(initialImages);
  const [imagesError, setImagesError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const form = useForm<PostValues>({
    initialValues: initial,
    validate: (values) => {
      const problems = postProblems(values);
      return {
        title: problems.title ? t(PROBLEMS[problems.title]) : null,
        body: problems.body ? t(PROBLEMS[problems.body]) : null,
      };
    },
  });
  const ids = readyIds(draft.images);
  const imagesChanged = ids.join() !== readyIds(initialImages).join() || uploading(draft.images);
  const guard = useLeaveGuard(form.isDirty() || imagesChanged);
  const showOff = form.values.board === "SHOW_OFF";

  const submit = async (values: PostValues) => {
    setMessage(null);
    setImagesError(null);
    if (uploading(draft.images)) {
      setImagesError(t("community.image.wait"));
      return;
    }
    if (values.board === "SHOW_OFF" && ids.length === 0) {
      setImagesError(t("community.image.required"));
      return;
    }
    setPending(true);
    try {
      const post = await save(postBody(values, ids));
      void navigate(`/community/posts/${post.id}`, { replace: true, state: SAVED });
    } catch (error) {
      // The pictures are no form field: their refusal goes beside the picture list.
      const target = {
        values: { ...form.values, image_media_ids: [] },
        setErrors: ({ image_media_ids, ...rest }: Record<string, string>) => {
          form.setErrors(rest);
          setImagesError(image_media_ids ?? null);
        },
      };
      setMessage(formProblem(target, error, t, { rename: RENAME }));
    } finally {
      setPending(false);
    }
  };

  return (
    <form noValidate onSubmit={form.onSubmit((values) => void submit(values))}>
      <Stack gap="lg">
        <Stack gap={6}>
          <Text fw={500} size="sm" id="post-board-label">
            {t("community.board.label")}
          </Text>
          <SegmentedControl
            fullWidth
            aria-labelledby="post-board-label"
            data={BOARDS.map((board) => ({ value: board, label: t(boardLabel(board)) }))}
            value={form.values.board}
            onChange={(value) => form.setFieldValue("board", value as Board)}
          />
          {form.errors.board ? (
            <Text size="sm" c="red.9" role="alert">
              {form.errors.board}
            </Text>
          ) : null}
        </Stack>
        <TextInput
          label={t("community.form.title")}
          required
          maxLength={TITLE_MAX}
          description={t("community.counter", {
            count: number(charCount(form.values.title)),
            max: number(TITLE_MAX),
          })}
          {...form.getInputProps("title")}
        />
        <Textarea
          label={t("community.form.body")}
          required
          autosize
          minRows={8}
          maxRows={24}
          maxLength={BODY_MAX}
          description={t("community.counter", {
            count: number(charCount(form.values.body)),
            max: number(BODY_MAX),
          })}
          {...form.getInputProps("body")}
        />
        <ImagesField
          images={draft.images}
          required={showOff}
          error={imagesError ?? draft.refused}
          onAdd={(files) => {
            setImagesError(null);
            draft.add(files);
          }}
          onMove={draft.move}
          onRemove={draft.remove}
        />
        <PetChips
          tagged={tagged}
          value={form.values.pet_ids}
          onChange={(ids) => form.setFieldValue("pet_ids", ids)}
          error={form.errors.pet_ids as string | undefined}
        />
        <FormAlert message={message} />
        <Group justify="flex-end">
          <Button component={Link} to={cancelTo} variant="default">
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
      {guard}
    </form>
  );
}
