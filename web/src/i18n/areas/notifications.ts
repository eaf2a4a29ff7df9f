// Messages of the notifications inbox and the header's bell in Korean
// (English: notifications.en.ts, the same keys).

export const ko = {
  "notifications.title": "알림",
  "notifications.bell": "알림",
  "notifications.bellUnread": "알림 {count}개 읽지 않음",
  "notifications.tabs": "보기",
  "notifications.tab.all": "전체",
  "notifications.tab.unread": "읽지 않음",
  "notifications.category.label": "분류",
  "notifications.category.ALL": "모든 분류",
  "notifications.category.CAMPAIGNS": "체험단",
  "notifications.category.COMMUNITY": "커뮤니티",
  "notifications.category.HEALTH": "건강",
  "notifications.category.ACCOUNT": "계정",
  "notifications.list": "알림 목록",
  "notifications.unread": "읽지 않음",
  "notifications.readAll": "모두 읽음",
  "notifications.readAllDone": "알림 {count}개를 읽음으로 표시했어요.",
  "notifications.hide": "숨기기",
  "notifications.hidden": "알림을 숨겼어요.",
  "notifications.more": "더 보기",
  "notifications.empty.all": "아직 알림이 없어요",
  "notifications.empty.allBody": "댓글, 좋아요, 체험단 소식이 생기면 여기에서 알려 드려요.",
  "notifications.empty.unread": "읽지 않은 알림이 없어요",
  "notifications.empty.unreadBody": "새 소식이 오면 여기에 먼저 보여 드려요.",
} as const;
