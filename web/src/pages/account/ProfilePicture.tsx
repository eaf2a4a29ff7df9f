// The profile picture: choose a file, see it before uploading, watch the upload, or remove
// the picture. The API checks the file by its content (413 too large, 415 not a picture,
// 422 damaged); each refusal is said in the person's language beside the picker.
import {
  Avatar,
  Button,
  Card,
  FileButton,
  Group,
  Progress,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";

import { api, data } from "../../api/client";
import { ApiError } from "../../api/problem";
import type { User } from "../../auth/tokens";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { pictureUrl, useSetMe } from "./me";
import { notify } from "../../lib/notify";
import { PICTURE_ACCEPT, pictureProblem } from "./rules";
import { uploadFile } from "../../lib/upload";

interface Chosen {
  file: File;
  preview: string; // an object URL (the CSP allows blob: images)
}

export function ProfilePicture({ user }: { user: User }) {
  const { t } = useI18n();
  const setMe = useSetMe();
  const errorId = useId();
  const resetPicker = useRef<() => void>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<string | null>(null);

  // An object URL holds the file in memory until revoked: revoke each when it is replaced.
  useEffect(() => (chosen ? () => URL.revokeObjectURL(chosen.preview) : undefined), [chosen]);

  const describe = (failure: unknown) => {
    const key = failure instanceof ApiError ? pictureProblem(failure) : null;
    return key ? t(key) : errorMessage(failure, t);
  };
  const forget = () => {
    setChosen(null);
    resetPicker.current?.();
  };

  const upload = useMutation({
    mutationFn: (file: File) =>
      uploadFile<User>({
        method: "PUT",
        path: "/api/v1/me/profile-image",
        file,
        onProgress: setProgress,
      }),
    onSuccess: (saved) => {
      setMe(saved);
      forget();
      notify(t, { color: "green", message: t("account.picture.uploaded") });
    },
    onError: (failure) => {
      setError(describe(failure));
      forget();
    },
  });
  const remove = useMutation({
    mutationFn: async () => data(await api.DELETE("/api/v1/me/profile-image")),
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      setMe(saved);
      notify(t, { message: t("account.picture.removed") });
    },
    onError: (failure) => setError(errorMessage(failure, t)),
  });

  const choose = (file: File | null) => {
    setError(null);
    setChosen(file ? { file, preview: URL.createObjectURL(file) } : null);
  };

  const current = pictureUrl(user);
  const busy = upload.isPending || remove.isPending;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="account-picture">
      <Group align="flex-start" wrap="wrap" gap="lg">
        <Avatar
          src={chosen?.preview ?? current}
          alt={
            chosen
              ? t("account.picture.previewAlt")
              : t("account.picture.alt", { nickname: user.nickname })
          }
          size={96}
          radius={96}
        >
          {user.nickname.slice(0, 1)}
        </Avatar>
        <Stack gap="xs" style={{ flex: "1 1 220px" }}>
          <Title order={2} size="h4" id="account-picture">
            {t("account.picture.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {chosen ? t("account.picture.previewNote") : t("account.picture.hint")}
          </Text>
          {chosen ? (
            <Group gap="xs">
              <Button onClick={() => upload.mutate(chosen.file)} loading={upload.isPending}>
                {t("account.picture.confirm")}
              </Button>
              <Button variant="default" onClick={forget} disabled={upload.isPending}>
                {t("common.cancel")}
              </Button>
            </Group>
          ) : (
            <Group gap="xs">
              <FileButton
                onChange={choose}
                accept={PICTURE_ACCEPT}
                resetRef={resetPicker}
                disabled={busy}
              >
                {(props) => (
                  <Button
                    {...props}
                    variant="default"
                    disabled={busy}
                    aria-describedby={error ? errorId : undefined}
                  >
                    {current ? t("account.picture.change") : t("account.picture.choose")}
                  </Button>
                )}
              </FileButton>
              {current ? (
                <Button
                  variant="outline"
                  color="red.9"
                  onClick={() => remove.mutate()}
                  loading={remove.isPending}
                  disabled={upload.isPending}
                >
                  {t("account.picture.remove")}
                </Button>
              ) : null}
            </Group>
          )}
          {upload.isPending ? (
            <Progress
              value={progress}
              aria-label={t("account.picture.progress")}
              animated={progress >= 100}
            />
          ) : null}
          {error ? (
            <Text size="sm" c="red.9" role="alert" id={errorId}>
              {error}
            </Text>
          ) : null}
        </Stack>
      </Group>
    </Card>
  );
}
