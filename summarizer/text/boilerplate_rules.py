"""The patterns and phrase lists `summarizer.text.boilerplate` matches lines against: bylines,
datelines, copyright notices, counters, site navigation and footers of Korean news sites."""

from __future__ import annotations

import re

BULLET = re.compile(r"^(?:[•·▶►▷▸■□◆◇●○◎☞※★☆→]\s*|[-*+]\s+)+")
ARROW = re.compile(r"^[▶►▷▸☞→]")  # a line under one of these is a link (to an article, a page)
HEADING = re.compile(r"^#{1,6}\s+")
BROKEN_ENTITY = re.compile(r"(?<![A-Za-z&])(quot|apos|amp|lt|gt|nbsp);")
ENTITY_CHARS = {"quot": '"', "apos": "'", "amp": "&", "lt": "<", "gt": ">", "nbsp": " "}

NAME = r"[가-힣]{2,4}"
NAMES = rf"{NAME}(?:\s*[·,/]\s*{NAME})*"
ROLE = (
    r"(?:선임|수석|객원|인턴|전문|사진|영상)?\s*"
    r"(?:기자|특파원|논설위원|통신원|칼럼니스트|에디터|앵커|PD)"
)
PLACE = r"[가-힣A-Za-z]{1,10}\s*=\s*[가-힣A-Za-z0-9 ]{1,20}"
PHOTO = r"(?:사진|이미지|그래픽|자료|출처|영상|캡처|사진\s*제공|제공)"
OUTLET = (
    r"[가-힣A-Za-z0-9]{0,10}(?:뉴스1?|뉴시스|뉴스핌|더팩트|일보|신문|경제|데일리|투데이|타임스|비즈"
    r"|미디어|방송|TV|저널|포스트|코리아)"
)
BYLINE_PREFIX = re.compile(
    rf"^(?:(?:[\[(【<]\s*{PLACE}\s*[\])】>]\s*|<{OUTLET}>\s*)?{NAME}(?:\s*[·,/]\s*{NAME}|\s+{NAME}){{0,4}}"
    rf"\s*(?:[가-힣]{{2,6}}\s+)?{ROLE}\s*[=＝]\s*"
    rf"|[\[【][^\]】]{{0,40}}(?:기자|특파원)\s*[\]】]\s*|\([^()]{{0,30}}(?:기자|특파원)\s*\)\s*"
    rf"|[\[(【]\s*(?!{PHOTO}\s*=){PLACE}\s*[\])】]\s*|[\[【]{OUTLET}[\]】]\s*)"
)
BYLINE = re.compile(
    rf"[/—-]?\s*(?:{NAMES}\s*(?:[가-힣]{{2,6}}\s+)?{ROLE}"
    rf"|[\[(【<][^\])】>]{{0,30}}(?:기자|특파원)\s*[\])】>]"
    rf"|(?:글|사진|글\s*[·/]\s*사진|정리|취재|기고|editor|writer)\s*[.:·=|]?\s*{NAMES}"
    rf"(?:\s*[(（][^)）]{{0,40}}[)）])?"
    r"|(?:작성자|글쓴이)\s*[:：]?\s*\S{1,20})",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
COPYRIGHT = re.compile(
    r"all\s+rights\s+reserved|저작권자\s*(?:[©ⓒⒸ]|\(c\))|무단\s*(?:전재|복제)|재배포\s*금지|[©ⓒⒸ]"
    r"|copyrights?\s*(?:[©ⓒⒸ]|\(c\)|\d{4})|\(c\)\s*\d{4}"
    r"|(?:reproduction|redistribution)\b.{0,40}\b(?:prohibited|without\s+permission)",
    re.IGNORECASE,
)
COPYRIGHT_WORD = re.compile(r"copyright", re.IGNORECASE)
"""The bare word, also met in article sentences: a notice only on a line no Korean sentence."""
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$|[가-힣]다$")
HANGUL = re.compile(r"[가-힣]")
STOP_END = re.compile(r"[.!?][\"”’')\]]*$")
COPYRIGHT_WORDS = re.compile(r"copyright|rights|저작권|무단|재배포", re.IGNORECASE)
AGENCY = (
    r"(?:[가-힣A-Za-z0-9]{1,12}\s*)?(?:연합뉴스|뉴스1|뉴시스|뉴스핌|더팩트|일보|신문|경제|데일리|투데이"
    r"|제공|기자|DB|자료\s*사진|게티이미지(?:뱅크|코리아)?|셔터스톡|픽사베이|AP|AFP|로이터|EPA|신화)"
)
CREDIT_CAPTION = re.compile(
    rf"(?:[\[(<]\s*{PHOTO}\s*[=:/][^\])>]{{1,40}}[\])>]"
    rf"|\[[^\]]{{1,30}}(?:사진|이미지|그래픽|제공)\s*\]"
    rf"|\s[(\[]\s*[^()\[\]]{{1,25}}\s제공\s*[)\]]"
    rf"|(?:^|[.\s\d])/\s*(?:{PHOTO}\s*[=:]\s*)?{AGENCY}"
    rf"|[.\s]{PHOTO}\s*[=:]\s*[^\s=:]{{1,20}}(?:\s[^\s=:]{{1,20}})?"
    rf"|\S.{{9,}}\s[©ⓒ]\s*[\w.&\- ]{{1,30}})$"
)
CAPTION_LABEL = re.compile(r"[\[<]\s*(?:사진|포토|그래픽|영상)\s*[\]>]|사진\s*설명\s*[:：=]")
CREDIT_ONLY = re.compile(rf"[\[(]?\s*{PHOTO}\s*[=:/]\s*[^\])]{{1,40}}[\])]?")
IMAGE_PLACEHOLDER = re.compile(
    r"img|image|photo|picture|사진|이미지|그래픽|\[(?:사진|이미지|그래픽)\]", re.IGNORECASE
)

DATE = (
    r"(?:\d{4}|\d{2})\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]\s*\d{1,2}\s*일?\.?"
    r"(?:\s*\([월화수목금토일]\))?"
    r"(?:\s*(?:오전|오후|AM|PM)?\s*\d{1,2}\s*[:시]\s*\d{2}(?:\s*[:분]\s*\d{2})?초?)?"
)
DATE_LABEL = (
    r"(?:작성일|등록일|수정일|입력일|발행일|게재일|송고일|입력|수정|승인|등록|게재|발행|송고|업데이트"
    r"|기사\s*입력|최종\s*수정|posted|updated|published)\s*[:：]?"
)
HAS_DATE = re.compile(DATE)
DATE_TOKENS = re.compile(rf"{DATE_LABEL}|{DATE}|{NAMES}\s*{ROLE}", re.IGNORECASE)
COUNT = r"(?:댓글|조회수?|추천|비추천|공감|좋아요|스크랩|공유)\s*[:：]?\s*[\d,]+\s*[건회개명]?"
HAS_COUNT = re.compile(COUNT)
META_TOKENS = re.compile(
    rf"{COUNT}|{DATE_LABEL}\s*{DATE}|(?:작성자|글쓴이)\s*[:：]?\s*\S{{1,20}}", re.IGNORECASE
)
TOKEN_SEPARATORS = re.compile(r"[\s|/·,]+")
BARE_NUMBER = re.compile(r"[\d,.]+")
VISITOR_LABEL = re.compile(r"(?:오늘|어제|최대|전체|today|yesterday|max|total)", re.IGNORECASE)
VISITOR = re.compile(
    r"(?:접속자|방문자)\s*(?:집계|통계|수)|(?:현재\s*접속자|오늘|어제|최대|전체|today|yesterday"
    r"|max|total)\s*[:：]?\s*[\d,]+",
    re.IGNORECASE,
)
COMMENTS = re.compile(
    r"(?:댓글\s*(?:목록|쓰기|작성|달기|보기|남기기)|전체\s*댓글\s*[\d,]*\s*개?"
    r"|등록된\s*댓글이\s*없습니다|첫\s*(?:번째\s*)?댓글을\s*남겨\s*(?:주세요|보세요)"
    r"|댓글을\s*(?:입력|작성)해\s*주세요|comments?)\.?",
    re.IGNORECASE,
)
HASHTAGS = re.compile(
    r"(?:(?:관련\s*)?태그\s*[:：]?\s*)?#[^\s#]+(?:\s*#[^\s#]+)*"
    r"|(?:(?:관련\s*)?태그|키워드|tags?|keywords?)\s*[:：]\s*[^\s,.]{1,20}(?:,?\s+[^\s,.]{1,20}|,){0,12}",
    re.IGNORECASE,
)
AI_SUMMARY = re.compile(r"(?:[\[(【]\s*AI\s*요약\s*[\])】]|AI\s*요약\s*[:：]|AI\s*요약$)")
RELATED = (
    r"(?:관련\s*(?:기사|뉴스)|(?:같이|함께)\s*(?:보면\s*좋은|볼\s*만한|읽으면\s*좋은)\s*(?:기사|뉴스)"
    r"|추천\s*기사|많이\s*본\s*(?:기사|뉴스)|(?:실시간\s*)?인기\s*기사|주요\s*(?:기사|뉴스)"
    r"|최신\s*(?:기사|뉴스)|이\s*기사와\s*함께\s*본\s*기사|related\s*(?:articles|stories|news))"
)
RELATED_MARKER = re.compile(
    rf"[\[【<(]?\s*{RELATED}\s*[\]】>)◀◁]?\s*(?:[:：]|(?:더\s*)?보기|바로\s*가기)?", re.IGNORECASE
)
RELATED_INLINE = re.compile(
    rf"[\[【<(]?\s*{RELATED}\s*[\]】>)]?\s*[:：]\s*\S|[\[【<(]\s*{RELATED}\s*[\]】>)]\s*\S",
    re.IGNORECASE,
)
PROMPT_WORD = re.compile(r"구독|좋아요|팔로우|알림|채널\s*추가|받아\s*보|추천")
PROMPT_END = re.compile(
    r"(?:하기|하세요|해\s*주세요|주십시오|하십시오|받기|보기|보세요|부탁드립니다|눌러\s*주세요|설정"
    r"|추천합니다|구독)\s*[!.~>]*$"
)
OTHER_ARTICLES = re.compile(
    rf"(?:{NAMES}\s*)?(?:{ROLE})?\s*(?:의\s*)?(?:다른|최신|전체)\s*기사\s*(?:보기|더\s*보기)?\s*[>›»]?"
    rf"|(?:{NAMES}\s*)?{ROLE}\s*(?:구독|팔로우|페이지|프로필|정보)(?:하기|\s*보기|\s*바로\s*가기)?"
)
UI_WORD = (  # reactions first: "공감백배" is one word, not "공감" and "백배"
    r"훈훈해요|슬퍼요|화나요|후속\s*요청|쏠쏠정보|흥미진진|공감백배|분석탁월|후속강추|최고예요"
    r"|응원해요|놀랐어요|좋아요|싫어요|댓글|공유(?:하기)?|스크랩|인쇄(?:하기)?|프린트"
    r"|비?추천(?:해요|하기)?|비?공감|조회수?|구독(?:하기)?|알림|북마크|저장|신고|글자\s*크기"
    r"|(?:URL|링크|주소)\s*복사|카카오톡|카카오스토리|페이스북|트위터|네이버\s*블로그|밴드|메일|이메일"
    r"|likes?|comments?|shares?|views?|repl(?:y|ies)|[♥♡❤💬👍👎↗🔗]\ufe0f?"
)
UI_TOKENS = re.compile(rf"(?:{UI_WORD})\s*[:：]?|[\d,.]+\s*[kK만천]?\s*[건회개명]?", re.IGNORECASE)
HAS_UI_WORD = re.compile(UI_WORD, re.IGNORECASE)
CHROME_PHRASES = frozenset(
    (
        "본문바로가기",
        "메뉴바로가기",
        "주메뉴바로가기",
        "하단메뉴바로가기",
        "사이트내전체검색",
        "전체검색",
        "검색",
        "상세검색",
        "검색어를입력하세요",
        "페이지정보",
        "본문",
        "기사본문",
        "회원로그인",
        "로그인",
        "로그아웃",
        "회원가입",
        "사이트정보",
        "아이디/비밀번호찾기",
        "자동로그인",
        "목록",
        "이전글",
        "다음글",
        "글쓰기",
        "공유하기",
        "기사공유",
        "인쇄",
        "인쇄하기",
        "프린트",
        "스크랩",
        "글자크기",
        "글자크기조절",
        "맨위로",
        "위로",
        "top",
        "구독",
        "구독하기",
        "기자구독",
        "기자의다른기사보기",
        "다른기사보기",
        "기자의다른기사",
        "기사제보",
        "카카오톡",
        "페이스북",
        "트위터",
        "url복사",
        "링크복사",
        "주소복사",
        "닫기",
        "메뉴",
        "전체메뉴",
        "홈",
        "home",
        "이메일무단수집거부",
        "개인정보처리방침",
        "이용약관",
        "청소년보호정책",
        "광고문의",
        "제휴문의",
        "회사소개",
        "사이트맵",
        "오시는길",
        "고객센터",
        "전체기사",
        "신고",
        "신고하기",
        "좋아요",
        "공유",
    )
)
FOOTER_LABEL = re.compile(
    r"(?:회사명|상호|법인명|대표자?|대표이사|발행인|편집인|발행\s*·?\s*편집인|주소|소재지"
    r"|사업자\s*(?:등록)?\s*번호|(?:대표\s*)?전화(?:번호)?|팩스|fax|tel|통신판매업?\s*신고\s*번호"
    r"|개인정보\s*(?:관리|보호)?\s*책임자|청소년\s*보호\s*책임자|등록\s*번호|등록\s*일자?"
    r"|고객센터)\s*[:：]",
    re.IGNORECASE,
)
BREADCRUMB_SEP = re.compile(r"\s+(?:[>|/›»]|::)\s+")
HOME_PATH = re.compile(
    r"(?:홈|뉴스\s*홈|home)(?:\s*[>›»]\s*[^>›».?!\"“”]{1,20}){1,4}", re.IGNORECASE
)
SENTENCE_MARK = re.compile(r"[.?!\"“”‘’']")
MARKUP_TOKEN = re.compile(r"[a-z]+(?:_[a-z]+)+")
READER_UI = re.compile(r"(?:클릭|터치)\s*하(?:시면|세요|십시오)")
TITLE_SEP = re.compile(r"\s+(?:[>|›»\-–—]|::)\s+")
TEASER_END = ("...", "…", "..")
END_SIGNALS = frozenset({"byline", "email", "copyright"})
PROSE = re.compile(r".{20,}[.!?\"”’']")
