import "@mantine/dates/styles.css";
import "dayjs/locale/ko";

import { Indicator, Skeleton, Text } from "@mantine/core";
import { Calendar, DatesProvider } from "@mantine/dates";

import { useI18n } from "../../i18n/useI18n";
import { useMonthDays } from "./queries";
import { monthOf } from "./rules";

interface Props {
  petId: string;
  /** "YYYY-MM-01" of the month shown. */
  month: string;
  onMonthChange: (month: string) => void;
  selected: string;
  onSelect: (day: string) => void;
  today: string;
}

/** The month with a dot on each day that has a record; days ahead of today cannot be chosen. */
export function MonthCalendar({ petId, month, onMonthChange, selected, onSelect, today }: Props) {
  const { t, lang, calendarDate } = useI18n();
  const { year, month: monthNumber } = monthOf(month);
  const days = useMonthDays(petId, year, monthNumber);
  const marked = new Set(days.data ?? []);
  return (
    <DatesProvider settings={{ locale: lang, firstDayOfWeek: 0, consistentWeeks: true }}>
      <Calendar
        date={month}
        onDateChange={onMonthChange}
        maxLevel="month"
        maxDate={today}
        nextLabel={t("activity.calendar.next")}
        previousLabel={t("activity.calendar.previous")}
        highlightToday
        // Only this month's days: the others are dimmed below the contrast minimum.
        hideOutsideDates
        monthLabelFormat={lang === "ko" ? "YYYY년 M월" : "MMMM YYYY"}
        // The name starts with the number shown (axe: the visible text is in the name),
        // then the whole date and whether the day has a record.
        getDayAriaLabel={(date) =>
          `${Number(date.slice(8, 10))} (${calendarDate(date)})` +
          (marked.has(date) ? t("activity.calendar.marked") : "")
        }
        getDayProps={(date) => ({
          selected: date === selected,
          onClick: () => onSelect(date),
          "aria-pressed": date === selected,
        })}
        renderDay={(date) => (
          <Indicator
            size={6}
            color="petful.8"
            offset={-3}
            position="bottom-center"
            disabled={!marked.has(date)}
            data-marked={marked.has(date) || undefined}
          >
            <div>{Number(date.slice(8, 10))}</div>
          </Indicator>
        )}
      />
      {days.isPending ? (
        <Skeleton height={14} width="50%" mt="xs" aria-busy="true" />
      ) : (
        <Text size="sm" c="dimmed" mt="xs" aria-live="polite">
          {t("activity.calendar.count", { count: marked.size })}
        </Text>
      )}
    </DatesProvider>
  );
}
