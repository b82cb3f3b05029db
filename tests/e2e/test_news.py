"""Reading the news: headlines, an article by Enter and by a screen reader's action, back, F5."""

from __future__ import annotations

import json

from tests.e2e.atspi import ROLE_DOCUMENT_FRAME, ROLE_HEADING, Accessible
from tests.e2e.configs import LoopbackConfig, StationEntry
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.running_app import RunningApp
from tests.e2e.sites import STORIES, StationSite, Story


def news_app(launch: Launch, site: StationSite) -> tuple[RunningApp, Accessible]:
    config = LoopbackConfig(
        (StationEntry("wlpr", "WLPR", (site.stream_url,)),),
        website=site.base,
        feeds=(("Local", site.feed_url),),
    )
    app = launch()
    config.write(app)
    app.start()
    return app, app.window()


def headline(window: Accessible, story: Story) -> Accessible:
    headlines = window.find("list", "Headlines")
    return headlines.find("list item", lambda name: name.startswith(story.headline))


def after_caret(text: Accessible) -> str:
    return text.text[text.caret :]


def article_view(window: Accessible) -> Accessible:
    return window.find(name=lambda name: name.startswith("Article"))


def test_open_an_article_by_enter_and_go_back(
    launch: Launch, desktop: Desktop, site: StationSite
) -> None:
    _app, window = news_app(launch, site)
    first = headline(window, STORIES[0])
    headlines = window.find("list", "Headlines")
    headlines.grab_focus()
    # Focus goes to the current headline, not to the list as a whole.
    wait_for(lambda: "focused" in first.states, "the first headline to have the focus")
    desktop.key("Return")
    article = article_view(window)
    wait_for(lambda: "focused" in article.states, "the article to have the focus")
    wait_for(lambda: STORIES[0].paragraphs[0][:40] in article.text, "the article's text")
    assert "showing" not in headlines.states, "the hidden headlines must not be reported"
    desktop.key("Escape")
    wait_for(lambda: "focused" in headline(window, STORIES[0]).states, "focus back on the headline")
    assert article.hidden_or_gone()
    desktop.key("Down", "Return")
    wait_for(lambda: STORIES[1].paragraphs[0][:40] in article_view(window).text, "article 2")
    desktop.key("alt+Left")
    wait_for(lambda: "focused" in headline(window, STORIES[1]).states, "back on headline 2")


def test_f5_refreshes_the_news_wherever_the_focus_is(
    launch: Launch, desktop: Desktop, site: StationSite
) -> None:
    _app, window = news_app(launch, site)
    headline(window, STORIES[0])
    stations = window.find("list", "Stations")
    stations.grab_focus()
    wait_for(lambda: "focused" in stations.find_all("list item")[0].states, "the station list")
    fresh = Story("ferry", "Ferry adds a late crossing", "A new sailing at ten.", ("Text.",))
    site.set_stories((fresh, *STORIES))
    desktop.key("F5")
    headline(window, fresh)


def test_a_headline_offers_the_action_enter_does(
    launch: Launch, desktop: Desktop, site: StationSite
) -> None:
    _app, window = news_app(launch, site)
    second = headline(window, STORIES[1])
    actions = second.actions()
    press = next((name for name in actions if name in ("press", "activate", "Press")), None)
    assert press is not None, f"a headline offers only {actions}"
    second.do(press)
    wait_for(lambda: STORIES[1].paragraphs[0][:40] in article_view(window).text, "article 2")


def test_the_article_is_a_document_with_headings(
    launch: Launch, desktop: Desktop, site: StationSite
) -> None:
    _app, window = news_app(launch, site)
    window.find("list", "Headlines").grab_focus()
    desktop.key("Return")
    story = STORIES[0]
    # Qt names AT-SPI's "document frame" role "document".
    document = window.find("document", lambda name: name.startswith("Article"))
    assert document.role_number == ROLE_DOCUMENT_FRAME
    wait_for(lambda: story.paragraphs[0][:40] in document.text, "the article's text")
    headings = {node.name: node for node in document.find_all("heading")}
    assert {story.headline, story.section} <= set(headings), list(headings)
    assert headings[story.headline].attributes()["level"] == "1"
    section = headings[story.section]
    assert section.role_number == ROLE_HEADING
    assert section.attributes()["level"] == "2"
    # A screen reader moves to a heading: the caret goes there.
    section.do("SetFocus")
    wait_for(lambda: after_caret(document).startswith(story.section), "the caret at the section")
    desktop.key("Escape")
    headline(window, story)
    wait_for(lambda: section.hidden_or_gone(), "the hidden article's headings to be hidden")
    assert document.hidden_or_gone()


def test_an_article_opened_by_a_screen_readers_action_goes_back_to_its_headline(
    launch: Launch, desktop: Desktop, site: StationSite
) -> None:
    _app, window = news_app(launch, site)
    second = headline(window, STORIES[1])
    second.do("Press")
    article = article_view(window)
    wait_for(lambda: STORIES[1].paragraphs[0][:40] in article.text, "article 2")
    wait_for(lambda: "focused" in article.states, "the article to have the focus")
    back = window.find("push button", "Back to the headlines")
    back.do("Press")
    wait_for(lambda: "focused" in headline(window, STORIES[1]).states, "focus back on headline 2")
    assert article.hidden_or_gone()


def text_height(document: Accessible, text: str) -> int:
    """How tall the article's text is where `text` begins, on the screen."""
    _x, _y, _width, height = document.character_extents(document.text.index(text))
    return height


def test_ctrl_plus_and_minus_change_the_articles_text_size(
    launch: Launch, desktop: Desktop, site: StationSite
) -> None:
    app, window = news_app(launch, site)
    window.find("list", "Headlines").grab_focus()
    headline(window, STORIES[0])
    desktop.key("Return")
    document = window.find("document", lambda name: name.startswith("Article"))
    paragraph = STORIES[0].paragraphs[0][:40]
    wait_for(lambda: paragraph in document.text, "the article's text")
    start = text_height(document, paragraph)
    assert start > 0
    desktop.key("ctrl+plus")
    wait_for(lambda: text_height(document, paragraph) > start, "larger text")
    larger = text_height(document, paragraph)
    desktop.key("ctrl+minus", "ctrl+minus")
    wait_for(lambda: text_height(document, paragraph) < start, "smaller text")
    assert text_height(document, paragraph) < larger
    # Kept for the next article and the next run.
    wait_for(lambda: saved_zoom(app) == -1, "the text size in state.json")


def saved_zoom(app: RunningApp) -> object:
    state = app.state_dir / "state.json"
    return (
        json.loads(state.read_text(encoding="utf-8")).get("article_zoom")
        if state.exists()
        else None
    )


def test_cached_headlines_show_at_start_without_a_network(
    launch: Launch, desktop: Desktop, site: StationSite
) -> None:
    first, window = news_app(launch, site)
    headline(window, STORIES[2])
    desktop.key("ctrl+q")
    assert first.wait_exit() == 0
    # The next day, offline: the same person, config and cache.
    second = launch(home=first.home, offline=True)
    second.start()
    window = second.window()
    headlines = window.find("list", "Headlines")
    names = wait_for(
        lambda: [item.name for item in headlines.find_all("list item")] or None, "headlines"
    )
    assert [name.split(",")[0] for name in names] == [story.headline for story in STORIES]
    # It says the list could not be brought up to date, without hiding it.
    window.find("label", lambda text: "could not" in text.lower() or "offline" in text.lower())
    assert "showing" in headlines.states


def test_the_websites_own_feeds_are_used_when_none_are_configured(
    launch: Launch, desktop: Desktop, site: StationSite
) -> None:
    config = LoopbackConfig((StationEntry("wlpr", "WLPR", (site.stream_url,)),), website=site.base)
    app = launch()
    config.write(app)
    app.start()
    window = app.window()
    for story in STORIES:
        headline(window, story)
    paths = [request.path for request, _ in site.server.log]
    assert paths.index("/") < paths.index("/news.rss"), "the home page names its feed"
    assert "[[feeds]]" not in app.stations_file.read_text(encoding="utf-8")
