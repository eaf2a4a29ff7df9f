// Message keys and colours for the API's enum values (the catalogue has one per value).
import type { MessageKey } from "../../i18n/ko";
import type { Board, Sort } from "./rules";

export const boardLabel = (board: Board) => `community.board.${board}` as MessageKey;
export const sortLabel = (sort: Sort) => `community.sort.${sort}` as MessageKey;

// Filled badges in dark shades: white text on them passes WCAG AA.
export const BOARD_COLORS: Readonly<Record<Board, string>> = {
  INFORMATION: "blue.9",
  QUESTION: "grape.9",
  SHOW_OFF: "petful.8",
};
