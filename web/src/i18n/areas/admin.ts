// Messages of the admin console (dashboard, users, audit log, notifications) in Korean (English: admin.en.ts, the same keys).

export const ko = {
  "admin.title": "관리자 콘솔",
};
