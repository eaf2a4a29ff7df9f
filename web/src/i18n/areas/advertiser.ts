// Messages of the advertiser console in Korean (English: advertiser.en.ts, the same keys).

export const ko = {
  "advertiser.title": "광고주 센터",
};
