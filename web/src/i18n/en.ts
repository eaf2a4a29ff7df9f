import type { Messages } from "./ko";
import * as account from "./areas/account.en";
import * as petstars from "./areas/petstars.en";
import * as pets from "./areas/pets.en";
import * as campaigns from "./areas/campaigns.en";
import * as instagram from "./areas/instagram.en";
import * as activity from "./areas/activity.en";
import * as schedules from "./areas/schedules.en";
import * as prescriptions from "./areas/prescriptions.en";
import * as community from "./areas/community.en";
import * as notifications from "./areas/notifications.en";
import * as advertiser from "./areas/advertiser.en";
import * as admin from "./areas/admin.en";
import * as adminQueues from "./areas/adminQueues.en";

// English: the same keys as ko.ts (a missing or extra key fails `tsc`).
const core = {
  "app.name": "PetFul",
  "app.tagline": "Where pet influencers meet brands",

  "nav.skipToContent": "Skip to content",
  "nav.main": "Main menu",
  "nav.home": "Home",
  "nav.petstars": "PetStars",
  "nav.campaigns": "Campaigns",
  "nav.pets": "My pets",
  "nav.health": "Health log",
  "nav.schedules": "Schedules",
  "nav.prescriptions": "Prescriptions",
  "nav.community": "Community",
  "nav.instagram": "Instagram",
  "nav.account": "My account",
  "nav.advertiser": "Advertiser centre",
  "nav.admin": "Admin",
  "nav.login": "Log in",
  "nav.signup": "Sign up",
  "nav.logout": "Log out",
  "nav.openMenu": "Open menu",
  "nav.language": "Language",

  "common.loading": "Loading…",
  "common.retry": "Try again",
  "common.close": "Close",
  "common.save": "Save",
  "common.cancel": "Cancel",
  "common.edit": "Edit",
  "common.next": "Next",
  "common.back": "Back",
  "common.home": "Go home",
  "common.optional": "optional",
  "common.price": "₩{amount}",
  "common.time.justNow": "just now",
  "common.time.minutes": "{count} min ago",
  "common.time.hours": "{count} h ago",
  "common.time.days": "{count} d ago",
  "common.followers": "{count} followers",

  "error.title": "Something went wrong",
  "error.network": "We cannot reach the server. Check your connection and try again.",
  "error.server": "The server ran into an error. Please try again shortly.",
  "error.unexpected": "An unexpected error happened.",
  "error.notFound.title": "Page not found",
  "error.notFound.body": "The address changed or the page does not exist.",
  "error.forbidden.title": "You cannot see this page",
  "error.forbidden.admin": "Only administrators can see this page.",
  "error.forbidden.advertiser": "Sign in with an advertiser account to see this page.",
  "error.tooManyRequests": "Too many requests. Try again in {seconds} seconds.",
  "error.sessionExpired": "Your session has ended. Please log in again.",

  "landing.title": "Where your pet becomes a PetStar",
  "landing.lead":
    "PetFul connects owners of pet Instagram accounts with brands. Get recognised as a PetStar, join product campaigns and see how your posts perform.",
  "landing.ctaSignup": "Get started free",
  "landing.ctaLogin": "Log in",
  "landing.ctaAccount": "Go to my account",
  "landing.features.title": "What you can do on PetFul",
  "landing.features.petstar.title": "PetStar status",
  "landing.features.petstar.body":
    "Apply for PetStar status on your followers and engagement, and present your pet to brands with a portfolio.",
  "landing.features.campaigns.title": "Campaigns",
  "landing.features.campaigns.body":
    "Apply to recruiting campaigns; when selected, receive the product and post about it.",
  "landing.features.sns.title": "Instagram analytics",
  "landing.features.sns.body":
    "Follow follower growth, engagement and comment sentiment in charts, and moderate abusive comments.",
  "landing.petstars.title": "PetStars",
  "landing.petstars.empty": "No PetStars to show yet.",
  "landing.petstars.price": "Rate {price}",
  "landing.campaigns.title": "Recruiting campaigns",
  "landing.campaigns.empty": "No campaigns are recruiting right now.",
  "landing.campaigns.deadline": "Closes {date}",

  "auth.email": "Email",
  "auth.password": "Password",
  "auth.passwordConfirm": "Confirm password",
  "auth.passwordMismatch": "The passwords do not match.",
  "auth.code": "Verification code",
  "auth.codeHint": "Enter the 6 digits we emailed you.",
  "auth.codeInvalid": "The code is 6 digits.",
  "auth.emailInvalid": "Enter a valid email address.",
  "auth.required": "Required.",

  "login.title": "Log in",
  "login.submit": "Log in",
  "login.failed": "Wrong email or password.",
  "login.noAccount": "No account yet?",
  "login.forgot": "Forgot your password?",
  "login.locked.title": "This account is locked",
  "login.locked.body":
    "Wrong passwords for this account came from many places, so signing in is paused for a while. Resetting your password with the code we email you lifts the lock at once.",
  "login.locked.reset": "Unlock by resetting your password",

  "signup.title": "Sign up",
  "signup.step.email": "Email",
  "signup.step.code": "Verify",
  "signup.step.profile": "Details",
  "signup.sendCode": "Send code",
  "signup.codeSent": "We sent a code to {email}.",
  "signup.verify": "Verify",
  "signup.resend": "Send the code again",
  "signup.name": "Name",
  "signup.nickname": "Nickname",
  "signup.role": "I am signing up as",
  "signup.role.user": "A pet owner (pet profiles, PetStar, campaign applications)",
  "signup.role.advertiser": "An advertiser (running campaigns, after the company review)",
  "signup.phone": "Mobile number",
  "signup.phonePlaceholder": "010-1234-5678",
  "signup.birthDate": "Date of birth",
  "signup.birthDatePlaceholder": "1990-05-17",
  "signup.address": "Address",
  "signup.submit": "Create account",
  "signup.welcome": "Welcome, {nickname}!",
  "signup.haveAccount": "Already have an account?",
  "signup.emailTaken": "This email is already registered.",

  "reset.title": "Reset password",
  "reset.lead": "We will email a code to the address you signed up with.",
  "reset.sendCode": "Send code",
  "reset.codeSent": "We sent a code to {email} if it belongs to an account.",
  "reset.newPassword": "New password",
  "reset.submit": "Change password",
  "reset.done": "Your password has changed. Log in with the new one.",

  "auth.loggedOut": "You are logged out.",
};

export const en: Messages = {
  ...core,
  ...account.en,
  ...petstars.en,
  ...pets.en,
  ...campaigns.en,
  ...instagram.en,
  ...activity.en,
  ...schedules.en,
  ...prescriptions.en,
  ...community.en,
  ...notifications.en,
  ...advertiser.en,
  ...admin.en,
  ...adminQueues.en,
};
