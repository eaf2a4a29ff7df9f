import { notify } from "../lib/notify";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";

import { useI18n } from "../i18n/useI18n";
import { logOut } from "./session";

/** Log out: end the session, forget every cached answer, back to the landing page. */
export function useLogout(): () => Promise<void> {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    await logOut().catch(() => undefined); // signed out locally whatever the platform said
    queryClient.clear();
    notify(t, { message: t("auth.loggedOut") });
    navigate("/");
  };
}
