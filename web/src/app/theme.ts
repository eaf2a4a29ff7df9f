import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from "@mantine/core";

// PetFul orange. Shade 7 is the primary: white text on it, and it as text on white, both
// pass WCAG AA (4.5:1); Mantine's own orange does not at any usable shade.
const petful: MantineColorsTuple = [
  "#fff7ed",
  "#ffedd5",
  "#fed7aa",
  "#fdba74",
  "#fb923c",
  "#f97316",
  "#ea580c",
  "#c2410c",
  "#9a3412",
  "#7c2d12",
];

export const theme = createTheme({
  colors: { petful },
  primaryColor: "petful",
  primaryShade: 7,
  fontFamily:
    "Pretendard, 'Apple SD Gothic Neo', 'Noto Sans KR', 'Malgun Gothic', system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  defaultRadius: "md",
});

// Mantine's light-scheme error red (red.6: field errors, invalid inputs) is 3.3:1 on white,
// below WCAG AA; red.9 passes.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-error": "var(--mantine-color-red-9)" },
  dark: {},
});
