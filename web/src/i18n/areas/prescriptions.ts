// Messages of the prescription pages (upload, review, confirm) in Korean
// (English: prescriptions.en.ts, the same keys).

export const ko = {
  "prescriptions.title": "처방전",
  "prescriptions.intro":
    "동물병원 처방전 사진을 올리면 약 이름, 용량, 복용 방법, 일수를 읽어 드려요. 읽은 내용을 확인하고 등록해야 투약 일정이 만들어져요.",

  "prescriptions.upload.title": "처방전 올리기",
  "prescriptions.upload.pet": "반려동물",
  "prescriptions.upload.petPlaceholder": "반려동물을 고르세요",
  "prescriptions.upload.choose": "처방전 사진 선택",
  "prescriptions.upload.hint":
    "JPEG, PNG, WebP, GIF · 10MB까지. 밝은 곳에서 처방전 전체가 반듯하게 보이게 찍어 주세요.",
  "prescriptions.upload.progress": "{percent}% 올렸어요",
  "prescriptions.upload.progressLabel": "처방전 사진 올리는 중",
  "prescriptions.upload.done": "처방전을 올렸어요. 읽는 데 몇 초 걸려요.",
  "prescriptions.upload.wrongType": "사진 파일(JPEG, PNG, WebP, GIF)만 올릴 수 있어요.",
  "prescriptions.upload.tooLarge": "10MB보다 큰 사진은 올릴 수 없어요.",
  "prescriptions.upload.damaged": "사진 파일이 손상되었거나 너무 커요. 다른 사진을 골라 주세요.",
  "prescriptions.upload.busy": "읽고 있는 처방전이 많아요. 잠시 후 다시 올려 주세요.",
  "prescriptions.upload.petRequired": "반려동물을 먼저 골라 주세요.",
  "prescriptions.upload.noPets": "처방전을 올리려면 먼저 반려동물을 등록해 주세요.",
  "prescriptions.upload.addPet": "반려동물 등록",

  "prescriptions.list.title": "내 처방전",
  "prescriptions.list.empty": "아직 올린 처방전이 없어요",
  "prescriptions.list.emptyBody":
    "처방전 사진을 올리면 여기에 모이고, 검토를 기다리는 처방전도 여기서 이어서 볼 수 있어요.",
  "prescriptions.list.more": "더 보기",
  "prescriptions.list.uploaded": "{when} 올림",
  "prescriptions.list.medicationCount": "약 {count}개",
  "prescriptions.list.noMedications": "읽은 약 없음",
  "prescriptions.list.unknownPet": "반려동물",

  "prescriptions.status.READING": "읽는 중",
  "prescriptions.status.DRAFT": "검토 대기",
  "prescriptions.status.CONFIRMED": "등록 완료",

  "prescriptions.notice.UNREADABLE":
    "사진에서 글자를 읽지 못했어요. 밝은 곳에서 처방전 전체가 보이게 다시 찍어 올리거나, 약을 직접 추가해 주세요.",
  "prescriptions.notice.NO_MEDICATIONS":
    "글자는 읽었지만 약 이름을 찾지 못했어요. 약을 직접 추가하거나 다른 사진을 올려 주세요.",
  "prescriptions.notice.TOO_MANY": "약이 10개보다 많아요. 앞의 10개만 담았어요.",
  "prescriptions.notice.TIMED_OUT":
    "사진을 읽는 데 너무 오래 걸려 멈췄어요. 더 선명한 사진으로 다시 올려 주세요.",
  "prescriptions.notice.FAILED": "처방전을 끝까지 읽지 못했어요. 사진을 다시 올려 주세요.",

  "prescriptions.detail.title": "처방전 확인",
  "prescriptions.detail.back": "처방전 목록",
  "prescriptions.detail.photo": "처방전 사진",
  "prescriptions.detail.photoAlt": "{pet}의 처방전 사진",
  "prescriptions.detail.photoError": "사진을 불러오지 못했어요.",
  "prescriptions.detail.reading": "처방전을 읽고 있어요",
  "prescriptions.detail.readingBody": "보통 몇 초면 끝나요. 다 읽으면 이 화면이 저절로 바뀌어요.",
  "prescriptions.detail.review":
    "읽은 약을 사진과 비교해 확인해 주세요. 잘못 읽은 칸은 고치고, 처방전에 없는 약은 빼 주세요. 등록하기 전에는 일정이 만들어지지 않아요.",
  "prescriptions.detail.text": "읽은 글자 전체 보기",
  "prescriptions.detail.noText": "읽은 글자가 없어요.",
  "prescriptions.detail.textMore": "더 보기",
  "prescriptions.detail.textLess": "접기",
  "prescriptions.detail.for": "{pet} · {when} 올림",

  "prescriptions.med.heading": "약 {n}",
  "prescriptions.med.drugName": "약 이름",
  "prescriptions.med.dosage": "1회 용량",
  "prescriptions.med.administration": "복용 방법",
  "prescriptions.med.dosesPerDay": "하루 횟수",
  "prescriptions.med.days": "복용 일수",
  "prescriptions.med.line": "읽은 줄: {line}",
  "prescriptions.med.remove": "약 {n} 빼기",
  "prescriptions.med.add": "약 추가",
  "prescriptions.med.times": "복용 시간",
  "prescriptions.med.timeN": "약 {n}의 {i}번째 복용 시간",
  "prescriptions.med.timesHint": "하루 횟수를 정하면 복용 시간을 고를 수 있어요.",
  "prescriptions.med.none": "담긴 약이 없어요. 약을 직접 추가할 수 있어요.",
  "prescriptions.med.perDay": "하루 {doses}회",
  "prescriptions.med.forDays": "{days}일",

  "prescriptions.error.drugName": "약 이름을 100자 안으로 입력해 주세요.",
  "prescriptions.error.dosage": "1회 용량은 50자까지 쓸 수 있어요.",
  "prescriptions.error.administration": "복용 방법은 200자까지 쓸 수 있어요.",
  "prescriptions.error.dosesPerDay": "하루 횟수를 1~6 사이로 입력해 주세요.",
  "prescriptions.error.days": "복용 일수를 1~365 사이로 입력해 주세요.",
  "prescriptions.error.times": "하루 횟수만큼 서로 다른 복용 시간을 골라 주세요.",
  "prescriptions.error.startDate": "시작일은 오늘부터 90일 안으로 골라 주세요.",
  "prescriptions.error.reminder": "알림 시점을 목록에서 골라 주세요.",

  "prescriptions.save": "고친 내용 저장",
  "prescriptions.saved": "고친 내용을 저장했어요.",

  "prescriptions.confirm.title": "투약 일정으로 등록",
  "prescriptions.confirm.start": "시작일",
  "prescriptions.confirm.reminder": "알림",
  "prescriptions.confirm.reminderOff": "알림 받지 않기",
  "prescriptions.confirm.submit": "일정으로 등록",
  "prescriptions.confirm.done": "투약 일정 {count}개를 만들었어요.",
  "prescriptions.confirm.needsMedication": "등록할 약이 없어요. 약을 추가해 주세요.",

  "prescriptions.lead.0": "복용 시간에",
  "prescriptions.lead.10": "10분 전",
  "prescriptions.lead.30": "30분 전",
  "prescriptions.lead.60": "1시간 전",
  "prescriptions.lead.1440": "1일 전",
  "prescriptions.lead.2880": "2일 전",
  "prescriptions.lead.4320": "3일 전",

  "prescriptions.confirmed.title": "등록한 투약 일정",
  "prescriptions.confirmed.start": "{date}부터 복용",
  "prescriptions.confirmed.reminder": "알림: {lead}",
  "prescriptions.confirmed.noReminder": "알림 없음",
  "prescriptions.confirmed.schedules": "일정에서 보기",

  "prescriptions.delete.button": "처방전 삭제",
  "prescriptions.delete.title": "처방전을 삭제할까요?",
  "prescriptions.delete.body": "처방전과 사진이 지워지고 되돌릴 수 없어요.",
  "prescriptions.delete.bodyConfirmed":
    "처방전과 사진이 지워지고 되돌릴 수 없어요. 이미 만든 투약 일정은 그대로 남아요.",
  "prescriptions.delete.confirm": "삭제",
  "prescriptions.delete.done": "처방전을 삭제했어요.",
  "prescriptions.notFound": "처방전을 찾을 수 없어요.",
};
