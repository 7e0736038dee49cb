//! The post-conversation survey: a dialog of its own after the agent closes, only for a client that
//! declared MULTI_DIALOG, and strict where LivePerson is.

use super::*;

#[tokio::test]
async fn with_multi_dialog_the_agent_closing_starts_a_survey_that_an_answer_ends() {
    let s = sandbox_from(Config {
        surveys: true,
        ..Config::default()
    })
    .await;
    let token = jwt(s.addr).await;
    let mut ws = socket(s.addr).await;
    ask(&mut ws, init_with(&token, &["MULTI_DIALOG"])).await;
    send(&mut ws, json!({"kind":"req","id":"1","type":"cqm.SubscribeExConversations","body":{"convState":["OPEN","CLOSE"]}})).await;
    recv(&mut ws).await;
    recv(&mut ws).await; // the empty snapshot
    let conv = request_conversation_with_notice(&mut ws).await;
    agent_closes(&s, &conv);
    let change = until(&mut ws, |f| {
        f["body"]["changes"][0]["result"]["conversationDetails"]["state"] == "CLOSE"
    })
    .await;
    let details = &change["body"]["changes"][0]["result"]["conversationDetails"];
    assert_eq!(
        (details["state"].as_str(), details["stage"].as_str()),
        (Some("CLOSE"), Some("OPEN")),
        "main closed, survey open"
    );
    let survey = details["dialogs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["dialogType"] == "POST_SURVEY")
        .unwrap();
    let survey_id = survey["dialogId"].as_str().unwrap().to_owned();
    assert_ne!(survey_id, conv, "the survey dialog has its own id");
    // Strict where LivePerson is: the survey's subscription names the conversation, not itself, and
    // the survey takes no chat states.
    let mut mismatched = subscribe("3", &survey_id);
    mismatched["body"]["conversationId"] = json!(survey_id);
    send(&mut ws, mismatched).await;
    let refused = until(&mut ws, |f| f["reqId"] == "3").await;
    assert_eq!(
        refused["code"], 400,
        "a mismatched conversationId: {refused}"
    );
    send(&mut ws, json!({"kind":"req","id":"4","type":"ms.PublishEvent","body":{"dialogId": survey_id,"conversationId": conv,"event":{"type":"ChatStateEvent","chatState":"COMPOSING"}}})).await;
    let refused = until(&mut ws, |f| f["reqId"] == "4").await;
    assert_eq!(
        refused["code"], 400,
        "no chat states on a survey: {refused}"
    );
    let mut subscription = subscribe("5", &survey_id);
    subscription["body"]["conversationId"] = json!(conv);
    send(&mut ws, subscription).await;
    let question = until(&mut ws, |f| f["type"] == "ms.MessagingEventNotification").await;
    let q = &question["body"]["changes"][0];
    assert_eq!(
        (
            q["sequence"].as_i64(),
            q["originatorMetadata"]["role"].as_str()
        ),
        (Some(0), Some("AGENT")),
        "the survey restarts at 0; bots are AGENT"
    );
    assert_eq!(
        q["event"]["quickReplies"]["replies"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    let mut rating = publish("6", &survey_id, "5");
    rating["body"]["conversationId"] = json!(conv);
    send(&mut ws, rating).await;
    let done = until(&mut ws, |f| {
        f["body"]["changes"][0]["result"]["conversationDetails"]["stage"] == "CLOSE"
    })
    .await;
    assert_eq!(
        done["body"]["changes"][0]["result"]["convId"],
        conv.as_str()
    );
    let view = s.world.conversations().into_iter().next().unwrap();
    assert_eq!(
        view.survey.as_ref().unwrap().events.len(),
        3,
        "question, answer, thanks"
    );
    s.stop();
}

#[tokio::test]
async fn without_multi_dialog_or_with_a_full_close_there_is_no_survey() {
    let s = sandbox_from(Config {
        surveys: true,
        ..Config::default()
    })
    .await;
    let mut ws = initialised(s.addr).await; // no MULTI_DIALOG
    let conv = request_conversation(&mut ws, 1).await;
    agent_closes(&s, &conv);
    assert!(s.world.conversations()[0].survey.is_none());
    let token = jwt(s.addr).await;
    let mut ws = socket(s.addr).await;
    ask(&mut ws, init_with(&token, &["MULTI_DIALOG"])).await;
    let conv = request_conversation(&mut ws, 2).await;
    // The field as a list of one (LivePerson takes both forms).
    let mut close = close_conversation("3", &conv);
    close["body"]["conversationField"] = json!([close["body"]["conversationField"]]);
    assert_eq!(ask(&mut ws, close).await["code"], 200);
    let c = s
        .world
        .conversations()
        .into_iter()
        .find(|c| c.id == conv)
        .unwrap();
    assert!(
        c.survey.is_none() && !c.stage_open,
        "ConversationStateField closes everything without a survey"
    );
    s.stop();
}
