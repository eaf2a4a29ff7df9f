"""What the demo owners wrote on the boards: twenty posts, their comments and replies, likes
and one report. Plain data; community/demo.py writes it through the service's own functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OWNER, OWNER2, OWNER3 = "owner@petful.dev", "owner2@petful.dev", "owner3@petful.dev"


@dataclass(frozen=True)
class DemoComment:
    author: str
    body: str
    replies: tuple[tuple[str, str], ...] = ()  # (author, body)


@dataclass(frozen=True)
class DemoPost:
    author: str
    board: str
    title: str
    body: str
    # Generated pictures: (colour, label).
    pictures: tuple[tuple[tuple[int, int, int], str], ...] = ()
    comments: tuple[DemoComment, ...] = ()
    liked_by: tuple[str, ...] = ()
    hours_ago: int = 0
    tagged_pets: tuple[str, ...] = field(default=())


POSTS: tuple[DemoPost, ...] = (
    DemoPost(
        OWNER,
        "SHOW_OFF",
        "보리 미용하고 왔어요",
        "곰돌이 컷으로 잘라 달라고 했는데 생각보다 더 귀엽게 나왔어요.\n"
        "미용실 다녀오면 늘 피곤한지 집에 오자마자 잠들어요.",
        pictures=(((236, 214, 190), "보리 미용"), ((226, 200, 170), "보리 낮잠")),
        comments=(
            DemoComment(
                OWNER2,
                "곰돌이 컷 너무 잘 어울려요! 어디 미용실인지 알 수 있을까요?",
                ((OWNER, "동네 작은 미용실이에요. 쪽지 드릴게요"),),
            ),
            DemoComment(OWNER3, "귀여움 그 자체네요 🥰"),
        ),
        liked_by=(OWNER2, OWNER3),
        hours_ago=2,
        tagged_pets=("보리",),
    ),
    DemoPost(
        OWNER2,
        "INFORMATION",
        "한강 반려견 산책로 추천해요",
        "반포 한강공원 산책로가 넓어서 강아지랑 걷기 좋아요.\n"
        "저녁 7시 이후에는 자전거가 많으니 리드줄을 짧게 잡아 주세요. "
        "급수대가 곳곳에 있어서 물병 없이도 괜찮았어요.",
        comments=(DemoComment(OWNER, "저도 주말마다 산책했어요. 여의도 쪽도 괜찮아요!"),),
        liked_by=(OWNER, OWNER3),
        hours_ago=5,
    ),
    DemoPost(
        OWNER3,
        "QUESTION",
        "고양이 사료 바꿀 때 며칠에 걸쳐 섞어야 하나요?",
        "나비가 요즘 사료를 잘 안 먹어서 바꿔 보려고 해요.\n"
        "한 번에 바꾸면 배탈이 난다고 들었는데 보통 며칠 정도 섞어 주시나요?",
        comments=(
            DemoComment(
                OWNER,
                "저는 일주일 동안 조금씩 비율을 늘렸어요.",
                ((OWNER3, "일주일이면 되는군요. 감사합니다!"),),
            ),
        ),
        liked_by=(OWNER,),
        hours_ago=9,
    ),
    DemoPost(
        OWNER,
        "INFORMATION",
        "슬개골 탈구 예방 운동 정리",
        "수의사 선생님께 배운 슬개골 운동을 정리했어요.\n"
        "1. 미끄러운 바닥에는 매트 깔기\n2. 계단 대신 경사로\n3. 짧게 자주 산책하기\n"
        "자세한 설명은 https://www.example.com/patella 에 있어요.",
        liked_by=(OWNER2, OWNER3),
        hours_ago=20,
    ),
    DemoPost(
        OWNER2,
        "SHOW_OFF",
        "콩이 첫 캠핑 다녀왔어요",
        "텐트 안에서 제일 먼저 자리 잡은 건 콩이였어요. "
        "밤에는 조금 추웠는지 침낭 속으로 쏙 들어왔어요.",
        pictures=(((190, 214, 236), "콩이 캠핑"),),
        comments=(DemoComment(OWNER3, "캠핑장 이름 궁금해요!"),),
        liked_by=(OWNER,),
        hours_ago=26,
    ),
    DemoPost(
        OWNER3,
        "INFORMATION",
        "고양이 여름철 털 관리 팁",
        "장모종은 하루 한 번 빗질하면 헤어볼이 확실히 줄어요. "
        "빗은 슬리커보다 일자 빗이 덜 아파해요.",
        hours_ago=30,
    ),
    DemoPost(
        OWNER,
        "QUESTION",
        "예방접종 끝나고 산책은 언제부터 해도 되나요?",
        "보리 동생을 입양했는데 3차 접종까지 맞았어요. 산책을 바로 해도 되는지 궁금해요.",
        comments=(
            DemoComment(
                OWNER2,
                "저희는 마지막 접종 2주 뒤부터 나갔어요.",
                ((OWNER3, "저도 그렇게 들었어요"),),
            ),
        ),
        hours_ago=40,
    ),
    DemoPost(
        OWNER2,
        "INFORMATION",
        "닭가슴살 간식 만드는 법",
        "닭가슴살을 얇게 썰어서 식품 건조기에 70도로 6시간 말리면 끝이에요.\n"
        "양념은 절대 넣지 마세요!",
        liked_by=(OWNER, OWNER3),
        hours_ago=48,
    ),
    DemoPost(
        OWNER3,
        "SHOW_OFF",
        "나비가 새 캣타워를 접수했어요",
        "조립하는 동안 박스에만 관심 있더니 완성하자마자 꼭대기로 올라갔어요.",
        pictures=(((214, 236, 190), "나비 캣타워"),),
        liked_by=(OWNER, OWNER2),
        hours_ago=55,
    ),
    DemoPost(
        OWNER,
        "QUESTION",
        "분리불안 훈련 어떻게 시작하셨어요?",
        "출근하면 보리가 한참 짖는다고 이웃분께서 알려 주셨어요. "
        "훈련을 어디서부터 시작해야 할지 모르겠어요.",
        comments=(DemoComment(OWNER2, "나갈 때 노즈워크 장난감을 주니까 훨씬 나아졌어요."),),
        hours_ago=70,
    ),
    DemoPost(
        OWNER2,
        "INFORMATION",
        "비 오는 날 실내 놀이 모음",
        "노즈워크 담요, 터그 놀이, 숨바꼭질을 번갈아 하면 실내에서도 에너지를 꽤 쓸 수 있어요.",
        hours_ago=80,
    ),
    DemoPost(
        OWNER3,
        "QUESTION",
        "고양이가 밤마다 우다다 하는데 정상인가요?",
        "새벽 3시쯤 되면 온 집안을 뛰어다녀요. 낮에 더 놀아 주면 줄어들까요?",
        comments=(DemoComment(OWNER, "저녁에 사냥 놀이를 충분히 해 주면 좀 줄어요."),),
        hours_ago=96,
    ),
    DemoPost(
        OWNER,
        "SHOW_OFF",
        "산책하다 만난 단풍",
        "보리가 낙엽 밟는 소리를 좋아해요. 오늘 산책로는 온통 빨간색이었어요.",
        pictures=(((236, 190, 170), "단풍 산책"),),
        liked_by=(OWNER2,),
        hours_ago=120,
        tagged_pets=("보리",),
    ),
    DemoPost(
        OWNER2,
        "QUESTION",
        "강아지 유모차 써 보신 분 계세요?",
        "노견이라 오래 걷기 힘들어해서 유모차를 알아보고 있어요. 접이식이 편한가요?",
        hours_ago=140,
    ),
    DemoPost(
        OWNER3,
        "INFORMATION",
        "동물병원 진료비 미리 확인하는 방법",
        "동물병원 진료비 게시 제도가 생겨서 주요 진료 항목은 병원 안이나 누리집에 게시되어 있어요.",
        liked_by=(OWNER,),
        hours_ago=160,
    ),
    DemoPost(
        OWNER,
        "INFORMATION",
        "체중 관리 한 달 기록",
        "건강 기록에 매일 체중을 적었더니 한 달에 0.3kg 빠졌어요. "
        "간식을 반으로 줄이고 산책을 10분 늘렸어요.",
        liked_by=(OWNER2, OWNER3),
        hours_ago=200,
    ),
    DemoPost(
        OWNER2,
        "SHOW_OFF",
        "콩이 생일파티 했어요",
        "강아지 케이크에 초를 꽂았더니 신기한지 한참 쳐다봤어요.",
        pictures=(((236, 236, 190), "콩이 생일"), ((230, 220, 180), "케이크")),
        liked_by=(OWNER, OWNER3),
        hours_ago=240,
    ),
    DemoPost(
        OWNER3,
        "QUESTION",
        "고양이 양치 다들 하시나요?",
        "손가락 칫솔을 샀는데 나비가 너무 싫어해요. 요령이 있을까요?",
        hours_ago=300,
    ),
    DemoPost(
        OWNER,
        "QUESTION",
        "펫보험 가입하신 분들 후기 궁금해요",
        "슬개골 때문에 보험을 알아보는데 보장 범위가 다 달라서 고르기 어렵네요.",
        hours_ago=360,
    ),
    DemoPost(
        OWNER3,
        "INFORMATION",
        "지금 가입하면 사료 무료! 링크 클릭",
        "선착순 100명에게 사료를 무료로 드려요. 아래 링크에서 개인정보를 입력하세요.",
        hours_ago=400,
    ),
)

# The spam post above waits in the admin queue: (reporter, title of the reported post,
# category, text).
REPORT = (
    OWNER,
    "지금 가입하면 사료 무료! 링크 클릭",
    "SPAM",
    "개인정보를 요구하는 광고성 글이에요.",
)
