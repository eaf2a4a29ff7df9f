// Messages of the account pages: Korean first, English with exactly the same keys (tsc checks).
import type { Same } from "../same";

export const ko = {
  "account.title": "내 계정",
  "account.profile": "프로필",
  "account.email": "이메일",
  "account.name": "이름",
  "account.nickname": "닉네임",
  "account.phone": "휴대폰 번호",
  "account.bio": "자기소개",
  "account.address": "주소",
  "account.birthDate": "생년월일",
  "account.memberSince": "가입일",
  "account.roles": "회원 유형",
  "account.role.USER": "보호자",
  "account.role.ADVERTISER": "광고주",
  "account.role.ADMIN": "관리자",
  "account.notSet": "입력하지 않음",
  "account.saved": "프로필을 저장했습니다.",
  "account.edit": "프로필 수정",
} as const;

export const en: Same<typeof ko> = {
  "account.title": "My account",
  "account.profile": "Profile",
  "account.email": "Email",
  "account.name": "Name",
  "account.nickname": "Nickname",
  "account.phone": "Mobile number",
  "account.bio": "About me",
  "account.address": "Address",
  "account.birthDate": "Date of birth",
  "account.memberSince": "Member since",
  "account.roles": "Account type",
  "account.role.USER": "Pet owner",
  "account.role.ADVERTISER": "Advertiser",
  "account.role.ADMIN": "Administrator",
  "account.notSet": "Not set",
  "account.saved": "Profile saved.",
  "account.edit": "Edit profile",
};
