// Messages of the admin console's review queues in Korean (English: adminQueues.en.ts, the same keys).

export const ko = {
  "adminQueues.title": "검토 대기열",
};
