import { Avatar, Button, FileButton, Group, Image, Stack, Text } from "@mantine/core";

import { useI18n } from "../../i18n/useI18n";
import { IMAGE_TYPES } from "../../lib/upload";
import { UploadProgress } from "./UploadProgress";

interface Props {
  /** Whose picture (for its alternative text). */
  name: string;
  /** The saved picture or the preview of the picked file. */
  src: string | null;
  progress: number | null;
  error: string | null;
  busy?: boolean;
  onPick: (file: File) => void;
  onRemove?: () => void;
  removing?: boolean;
}

/** A pet's picture: what it is now, a button to pick another (with a preview), the upload's
 *  progress, and removal. */
export function PictureField({
  name,
  src,
  progress,
  error,
  busy,
  onPick,
  onRemove,
  removing,
}: Props) {
  const { t } = useI18n();
  const alt = name ? t("pets.picture.alt", { name }) : t("pets.picture.title");
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        {t("pets.picture.title")}
      </Text>
      <Group align="center" gap="md" wrap="wrap">
        {src ? (
          <Image src={src} alt={alt} w={120} h={120} fit="cover" radius="md" />
        ) : (
          <Avatar size={120} radius="md" color="petful" alt={alt}>
            {name.slice(0, 1) || "?"}
          </Avatar>
        )}
        <Stack gap="xs">
          <FileButton onChange={(file) => file && onPick(file)} accept={IMAGE_TYPES.join(",")}>
            {(props) => (
              <Button
                {...props}
                variant="default"
                disabled={busy}
                aria-describedby="pet-picture-hint"
              >
                {src ? t("pets.picture.change") : t("pets.picture.choose")}
              </Button>
            )}
          </FileButton>
          {onRemove && src ? (
            <Button
              variant="outline"
              color="red.9"
              onClick={onRemove}
              loading={removing}
              disabled={busy}
            >
              {t("pets.picture.remove")}
            </Button>
          ) : null}
        </Stack>
      </Group>
      <Text size="xs" c="dimmed" id="pet-picture-hint">
        {t("pets.picture.hint")}
      </Text>
      {progress !== null ? <UploadProgress percent={progress} /> : null}
      {error ? (
        <Text size="sm" c="red.9" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
