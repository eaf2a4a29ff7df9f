// A post's menu: 수정 and 삭제 for its author (삭제 also for admins: can_delete), 신고 for
// everyone else. Deleting asks first and returns to the post's board.
import { ActionIcon, Menu } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";

import { api } from "../../api/client";
import { useSession } from "../../auth/useSession";
import { ConfirmModal } from "../../components/ConfirmModal";
import { ReportDialog } from "../../components/ReportDialog";
import { useI18n } from "../../i18n/useI18n";
import { errorMessage } from "../../lib/errorMessage";
import { notify } from "../../lib/notify";
import { communityKeys } from "./queries";
import { boardViewParams } from "./rules";
import type { Post } from "./types";

export function PostMenu({ post }: { post: Post }) {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, confirm] = useDisclosure(false);
  const [reporting, report] = useDisclosure(false);
  const mine = session.status === "signedIn" && session.user.id === post.author.id;
  const remove = useMutation({
    mutationFn: async () => {
      await api.DELETE("/api/v1/community/posts/{post_id}", {
        params: { path: { post_id: post.id } },
      });
    },
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: communityKeys.post(post.id) });
      void queryClient.invalidateQueries({ queryKey: communityKeys.lists() });
      notify(t, { color: "green", message: t("community.delete.done") });
      const board = boardViewParams({ board: post.board, sort: "NEWEST" }).toString();
      void navigate(`/community?${board}`);
    },
  });
  if (!post.can_edit && !post.can_delete && mine) return null;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label={t("community.post.menu")}>
            <span aria-hidden="true">⋯</span>
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {post.can_edit ? (
            <Menu.Item component={Link} to={`/community/posts/${post.id}/edit`}>
              {t("common.edit")}
            </Menu.Item>
          ) : null}
          {post.can_delete ? (
            <Menu.Item
              color="red.9"
              onClick={() => {
                remove.reset();
                confirm.open();
              }}
            >
              {t("community.delete.button")}
            </Menu.Item>
          ) : null}
          {mine ? null : <Menu.Item onClick={report.open}>{t("community.report")}</Menu.Item>}
        </Menu.Dropdown>
      </Menu>
      <ConfirmModal
        opened={confirming}
        title={t("community.delete.title")}
        body={t(mine ? "community.delete.body" : "community.delete.bodyAdmin")}
        confirmLabel={t("community.delete.button")}
        onConfirm={() => remove.mutate()}
        onClose={confirm.close}
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error, t) : null}
        danger
      />
      <ReportDialog
        opened={reporting}
        onClose={report.close}
        target={{ type: "POST", id: post.id, name: post.title }}
      />
    </>
  );
}
