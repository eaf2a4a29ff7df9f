// The message catalogue, Korean first. Every string the app shows comes from here (or en.ts,
// which must have exactly these keys: `tsc` fails otherwise). `{name}` is a placeholder
// that `t(key, { name })` fills in.
import * as account from "./areas/account";
import * as petstars from "./areas/petstars";
import * as pets from "./areas/pets";
import * as campaigns from "./areas/campaigns";
import * as instagram from "./areas/instagram";
import * as activity from "./areas/activity";
import * as schedules from "./areas/schedules";
import * as prescriptions from "./areas/prescriptions";
import * as community from "./areas/community";
import * as notifications from "./areas/notifications";
import * as advertiser from "./areas/advertiser";
import * as admin from "./areas/admin";
import * as adminQueues from "./areas/adminQueues";

const core = {
  "app.name": "PetFul",
  "app.tagline": "반려동물 인플루언서와 브랜드를 잇는 플랫폼",

  "nav.skipToContent": "본문으로 건너뛰기",
  "nav.main": "주 메뉴",
  "nav.home": "홈",
  "nav.petstars": "펫스타",
  "nav.campaigns": "체험단",
  "nav.pets": "내 반려동물",
  "nav.health": "건강 기록",
  "nav.schedules": "일정",
  "nav.prescriptions": "처방전",
  "nav.community": "커뮤니티",
  "nav.instagram": "인스타그램",
  "nav.account": "내 계정",
  "nav.advertiser": "광고주 센터",
  "nav.admin": "관리자",
  "nav.login": "로그인",
  "nav.signup": "회원가입",
  "nav.logout": "로그아웃",
  "nav.openMenu": "메뉴 열기",
  "nav.language": "언어",

  "common.loading": "불러오는 중…",
  "common.retry": "다시 시도",
  "common.close": "닫기",
  "common.save": "저장",
  "common.cancel": "취소",
  "common.edit": "수정",
  "common.next": "다음",
  "common.back": "이전",
  "common.home": "홈으로",
  "common.optional": "선택",
  "common.price": "{amount}원",
  "common.time.justNow": "방금 전",
  "common.time.minutes": "{count}분 전",
  "common.time.hours": "{count}시간 전",
  "common.time.days": "{count}일 전",
  "common.followers": "팔로워 {count}명",

  "error.title": "문제가 생겼습니다",
  "error.network": "서버에 연결할 수 없습니다. 인터넷 연결을 확인한 뒤 다시 시도해 주세요.",
  "error.server": "서버에서 오류가 났습니다. 잠시 후 다시 시도해 주세요.",
  "error.unexpected": "예상하지 못한 오류가 났습니다.",
  "error.notFound.title": "페이지를 찾을 수 없습니다",
  "error.notFound.body": "주소가 바뀌었거나 없는 페이지입니다.",
  "error.forbidden.title": "볼 수 없는 페이지입니다",
  "error.forbidden.admin": "관리자만 볼 수 있는 페이지예요.",
  "error.forbidden.advertiser": "광고주 계정으로 로그인해야 볼 수 있는 페이지예요.",
  "error.tooManyRequests": "요청이 너무 많습니다. {seconds}초 뒤에 다시 시도해 주세요.",
  "error.sessionExpired": "로그인이 만료되었습니다. 다시 로그인해 주세요.",

  "landing.title": "우리 아이가 펫스타가 되는 곳",
  "landing.lead":
    "PetFul은 반려동물 인스타그램 계정을 가진 보호자와 브랜드를 이어 줍니다. 펫스타로 인정받고, 체험단에 참여하고, 성과를 한눈에 확인하세요.",
  "landing.ctaSignup": "무료로 시작하기",
  "landing.ctaLogin": "로그인",
  "landing.ctaAccount": "내 계정 보기",
  "landing.features.title": "PetFul에서 할 수 있는 일",
  "landing.features.petstar.title": "펫스타 인증",
  "landing.features.petstar.body":
    "팔로워와 게시물 반응을 바탕으로 펫스타를 신청하고, 포트폴리오로 브랜드에 소개하세요.",
  "landing.features.campaigns.title": "체험단",
  "landing.features.campaigns.body":
    "모집 중인 체험단에 신청하고, 선정되면 제품을 받아 게시물을 올리세요.",
  "landing.features.sns.title": "SNS 분석",
  "landing.features.sns.body":
    "팔로워 추이, 참여율, 댓글 감정을 그래프로 확인하고 악성 댓글을 관리하세요.",
  "landing.petstars.title": "펫스타",
  "landing.petstars.empty": "아직 소개할 펫스타가 없습니다.",
  "landing.petstars.price": "단가 {price}",
  "landing.campaigns.title": "모집 중인 체험단",
  "landing.campaigns.empty": "지금 모집 중인 체험단이 없습니다.",
  "landing.campaigns.deadline": "{date} 마감",

  "auth.email": "이메일",
  "auth.password": "비밀번호",
  "auth.passwordConfirm": "비밀번호 확인",
  "auth.passwordMismatch": "비밀번호가 일치하지 않습니다.",
  "auth.code": "인증번호",
  "auth.codeHint": "이메일로 받은 6자리 숫자를 입력하세요.",
  "auth.codeInvalid": "인증번호는 6자리 숫자입니다.",
  "auth.emailInvalid": "올바른 이메일 주소를 입력하세요.",
  "auth.required": "필수 항목입니다.",

  "login.title": "로그인",
  "login.submit": "로그인",
  "login.failed": "이메일 또는 비밀번호가 틀렸습니다.",
  "login.noAccount": "아직 계정이 없으신가요?",
  "login.forgot": "비밀번호를 잊으셨나요?",
  "login.locked.title": "계정이 잠겼습니다",
  "login.locked.body":
    "여러 곳에서 비밀번호가 잘못 입력되어 이 계정의 로그인을 잠시 막았습니다. 이메일로 받은 인증번호로 비밀번호를 재설정하면 바로 풀립니다.",
  "login.locked.reset": "비밀번호 재설정으로 잠금 풀기",

  "signup.title": "회원가입",
  "signup.step.email": "이메일",
  "signup.step.code": "인증",
  "signup.step.profile": "정보 입력",
  "signup.sendCode": "인증번호 보내기",
  "signup.codeSent": "{email}(으)로 인증번호를 보냈습니다.",
  "signup.verify": "인증하기",
  "signup.resend": "인증번호 다시 보내기",
  "signup.name": "이름",
  "signup.nickname": "닉네임",
  "signup.role": "가입 유형",
  "signup.role.user": "반려인 (반려동물 프로필, 펫스타, 체험단 신청)",
  "signup.role.advertiser": "광고주 (체험단 운영, 회사 정보 심사 후 시작)",
  "signup.phone": "휴대폰 번호",
  "signup.phonePlaceholder": "010-1234-5678",
  "signup.birthDate": "생년월일",
  "signup.birthDatePlaceholder": "1990-05-17",
  "signup.address": "주소",
  "signup.submit": "가입하기",
  "signup.welcome": "가입을 환영합니다, {nickname}님!",
  "signup.haveAccount": "이미 계정이 있으신가요?",
  "signup.emailTaken": "이미 가입된 이메일입니다.",

  "reset.title": "비밀번호 재설정",
  "reset.lead": "가입한 이메일로 인증번호를 보내 드립니다.",
  "reset.sendCode": "인증번호 보내기",
  "reset.codeSent":
    "{email}(으)로 인증번호를 보냈습니다. 가입된 이메일이 아니면 메일이 가지 않습니다.",
  "reset.newPassword": "새 비밀번호",
  "reset.submit": "비밀번호 바꾸기",
  "reset.done": "비밀번호를 바꿨습니다. 새 비밀번호로 로그인하세요.",

  "auth.loggedOut": "로그아웃했습니다.",
} as const;

// Each area of the app keeps its messages in areas/<area>.ts (keys `<area>.…`).
export const ko = {
  ...core,
  ...account.ko,
  ...petstars.ko,
  ...pets.ko,
  ...campaigns.ko,
  ...instagram.ko,
  ...activity.ko,
  ...schedules.ko,
  ...prescriptions.ko,
  ...community.ko,
  ...notifications.ko,
  ...advertiser.ko,
  ...admin.ko,
  ...adminQueues.ko,
} as const;

export type MessageKey = keyof typeof ko;
// Another language's catalogue: exactly the same keys, any text.
export type Messages = { readonly [K in MessageKey]: string };
