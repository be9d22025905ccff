//! Typewriter's end-to-end expectations, reproduced with the Rust generated from its own
//! plan-v1.json: every function called, exactly the expected properties sent, in order
//! (`tests/data/typewriter-e2e.json`, shared with the TypeScript and Swift tests).

#![cfg(typewriter)]
// Typewriter's suite sends 3.14, which is data here, not an approximation of pi.
#![allow(clippy::approx_constant)]

use std::cell::RefCell;

use serde_json::{json, Map, Value};
use tracktype_rust_host::typewriter_v1 as tw;

const BIG_INT: i64 = 1_230_007_112_658_965_944;
const BIG_NUMBER: f64 = 1.24e21;

fn object() -> Map<String, Value> {
    Map::new()
}

fn any() -> Value {
    json!("Rick Sanchez")
}

fn array() -> Vec<Value> {
    vec![json!(137), json!("C-137")]
}

fn expected() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/typewriter-e2e.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("expected calls"))
        .expect("JSON");
    doc["calls"].as_array().expect("calls").clone()
}

#[test]
fn every_function_sends_exactly_typewriters_expected_properties() {
    let sent: RefCell<Vec<Value>> = RefCell::new(Vec::new());
    let t = tw::Tracker::new(|m: tw::Message| {
        let wire = serde_json::to_value(&m).expect("a message serialises");
        sent.borrow_mut()
            .push(json!({ "event": wire["event"], "properties": wire["properties"] }));
    });
    let rick = tw::Identity::user("rick");

    t._42_terrible_event_name_3(&rick, tw::_42TerribleEventName3::new());
    t.analytics_instance_missing(&rick, tw::AnalyticsInstanceMissing::new());
    t.analytics_instance_missing_threw_error(&rick, tw::AnalyticsInstanceMissingThrewError::new());
    t.custom_violation_handler(&rick, tw::CustomViolationHandler::new("Lawyer Morty"));
    t.custom_violation_handler_called(&rick, tw::CustomViolationHandlerCalled::new());
    t.default_violation_handler(&rick, tw::DefaultViolationHandler::new("Evil Morty"));
    t.default_violation_handler_called(&rick, tw::DefaultViolationHandlerCalled::new());
    t.empty_event(&rick, tw::EmptyEvent::new());
    t.enum_types(
        &rick,
        tw::EnumTypes {
            string_const: Some(tw::EnumTypesStringConst::RickSanchez),
            string_enum: Some(tw::EnumTypesStringEnum::EvilMorty),
        },
    );
    t.event_collided(&rick, tw::EventCollided::new());

    // Every Nullable Optional Type: absent, all null, nested nulls, all values.
    t.every_nullable_optional_type(&rick, tw::EveryNullableOptionalType::new());
    let optional_nulls = tw::EveryNullableOptionalType {
        optional_any: Some(Value::Null),
        optional_array: Some(None),
        optional_array_with_properties: Some(None),
        optional_boolean: Some(None),
        optional_int: Some(None),
        optional_number: Some(None),
        optional_object: Some(None),
        optional_object_with_properties: Some(None),
        optional_string: Some(None),
        optional_string_with_regex: Some(None),
    };
    t.every_nullable_optional_type(&rick, optional_nulls.clone());
    let nested_optional_nulls = tw::EveryNullableOptionalTypeOptionalArrayWithPropertiesItem {
        optional_any: Some(Value::Null),
        optional_array: Some(None),
        optional_boolean: Some(None),
        optional_int: Some(None),
        optional_number: Some(None),
        optional_object: Some(None),
        optional_string: Some(None),
        optional_string_with_regex: Some(None),
    };
    t.every_nullable_optional_type(
        &rick,
        tw::EveryNullableOptionalType {
            optional_array_with_properties: Some(Some(vec![Some(nested_optional_nulls)])),
            optional_object_with_properties: Some(Some(
                tw::EveryNullableOptionalTypeOptionalObjectWithProperties {
                    optional_any: Some(Value::Null),
                    optional_array: Some(None),
                    optional_boolean: Some(None),
                    optional_int: Some(None),
                    optional_number: Some(None),
                    optional_object: Some(None),
                    optional_string: Some(None),
                    optional_string_with_regex: Some(None),
                },
            )),
            ..optional_nulls
        },
    );
    t.every_nullable_optional_type(
        &rick,
        tw::EveryNullableOptionalType {
            optional_any: Some(any()),
            optional_array: Some(Some(array())),
            optional_array_with_properties: Some(Some(vec![Some(
                tw::EveryNullableOptionalTypeOptionalArrayWithPropertiesItem {
                    optional_any: Some(any()),
                    optional_array: Some(Some(array())),
                    optional_boolean: Some(Some(false)),
                    optional_int: Some(Some(97)),
                    optional_number: Some(Some(3.14)),
                    optional_object: Some(Some(object())),
                    optional_string: Some(Some("Alpha-Beta".into())),
                    optional_string_with_regex: Some(Some("Lawyer Morty".into())),
                },
            )])),
            optional_boolean: Some(Some(false)),
            optional_int: Some(Some(97)),
            optional_number: Some(Some(3.14)),
            optional_object: Some(Some(object())),
            optional_object_with_properties: Some(Some(
                tw::EveryNullableOptionalTypeOptionalObjectWithProperties {
                    optional_any: Some(any()),
                    optional_array: Some(Some(array())),
                    optional_boolean: Some(Some(false)),
                    optional_int: Some(Some(97)),
                    optional_number: Some(Some(3.14)),
                    optional_object: Some(Some(object())),
                    optional_string: Some(Some("Alpha-Beta".into())),
                    optional_string_with_regex: Some(Some("Lawyer Morty".into())),
                },
            )),
            optional_string: Some(Some("Alpha-Beta".into())),
            optional_string_with_regex: Some(Some("Lawyer Morty".into())),
        },
    );

    // Every Nullable Required Type: all null, nested nulls, all values.
    let required_nulls = tw::EveryNullableRequiredType::new(
        Value::Null,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    );
    t.every_nullable_required_type(&rick, required_nulls.clone());
    let nested_required_nulls = tw::EveryNullableRequiredTypeRequiredArrayWithPropertiesItem::new(
        Value::Null,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    );
    t.every_nullable_required_type(
        &rick,
        tw::EveryNullableRequiredType {
            required_array_with_properties: Some(vec![Some(nested_required_nulls)]),
            required_object_with_properties: Some(
                tw::EveryNullableRequiredTypeRequiredObjectWithProperties::new(
                    Value::Null,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ),
            ),
            ..required_nulls
        },
    );
    t.every_nullable_required_type(
        &rick,
        tw::EveryNullableRequiredType {
            required_any: any(),
            required_array: Some(array()),
            required_array_with_properties: Some(vec![Some(
                tw::EveryNullableRequiredTypeRequiredArrayWithPropertiesItem {
                    required_any: any(),
                    required_array: Some(array()),
                    required_boolean: Some(false),
                    required_int: Some(97),
                    required_number: Some(3.14),
                    required_object: Some(object()),
                    required_string: Some("Alpha-Beta".into()),
                    required_string_with_regex: Some("Lawyer Morty".into()),
                },
            )]),
            required_boolean: Some(false),
            required_int: Some(97),
            required_number: Some(3.14),
            required_object: Some(object()),
            required_object_with_properties: Some(
                tw::EveryNullableRequiredTypeRequiredObjectWithProperties {
                    required_any: any(),
                    required_array: Some(array()),
                    required_boolean: Some(false),
                    required_int: Some(97),
                    required_number: Some(3.14),
                    required_object: Some(object()),
                    required_string: Some("Alpha-Beta".into()),
                    required_string_with_regex: Some("Lawyer Morty".into()),
                },
            ),
            required_string: Some("Alpha-Beta".into()),
            required_string_with_regex: Some("Lawyer Morty".into()),
        },
    );

    // Every Optional Type: absent, then all values.
    t.every_optional_type(&rick, tw::EveryOptionalType::new());
    t.every_optional_type(
        &rick,
        tw::EveryOptionalType {
            optional_any: Some(any()),
            optional_array: Some(array()),
            optional_array_with_properties: Some(vec![
                tw::EveryOptionalTypeOptionalArrayWithPropertiesItem {
                    optional_any: Some(any()),
                    optional_array: Some(array()),
                    optional_boolean: Some(false),
                    optional_int: Some(97),
                    optional_number: Some(3.14),
                    optional_object: Some(object()),
                    optional_string: Some("Alpha-Beta".into()),
                    optional_string_with_regex: Some("Lawyer Morty".into()),
                },
            ]),
            optional_boolean: Some(false),
            optional_int: Some(97),
            optional_number: Some(3.14),
            optional_object: Some(object()),
            optional_object_with_properties: Some(
                tw::EveryOptionalTypeOptionalObjectWithProperties {
                    optional_any: Some(any()),
                    optional_array: Some(array()),
                    optional_boolean: Some(false),
                    optional_int: Some(97),
                    optional_number: Some(3.14),
                    optional_object: Some(object()),
                    optional_string: Some("Alpha-Beta".into()),
                    optional_string_with_regex: Some("Lawyer Morty".into()),
                },
            ),
            optional_string: Some("Alpha-Beta".into()),
            optional_string_with_regex: Some("Lawyer Morty".into()),
        },
    );

    t.every_required_type(
        &rick,
        tw::EveryRequiredType::new(
            any(),
            array(),
            vec![tw::EveryRequiredTypeRequiredArrayWithPropertiesItem::new(
                any(),
                array(),
                false,
                97,
                3.14,
                object(),
                "Alpha-Beta",
                "Lawyer Morty",
            )],
            false,
            97,
            3.14,
            object(),
            tw::EveryRequiredTypeRequiredObjectWithProperties::new(
                any(),
                array(),
                false,
                97,
                3.14,
                object(),
                "Alpha-Beta",
                "Lawyer Morty",
            ),
            "Alpha-Beta",
            "Lawyer Morty",
        ),
    );

    // Large numbers stay exact: i64 and f64 hold them.
    t.large_numbers_event(
        &rick,
        tw::LargeNumbersEvent {
            large_nullable_optional_integer: Some(Some(BIG_INT)),
            large_nullable_optional_number: Some(Some(BIG_NUMBER)),
            large_optional_integer: Some(BIG_INT),
            large_optional_number: Some(BIG_NUMBER),
            ..tw::LargeNumbersEvent::new(Some(BIG_INT), Some(BIG_NUMBER), BIG_INT, BIG_NUMBER)
        },
    );
    t.large_numbers_event(
        &rick,
        tw::LargeNumbersEvent::new(None, None, -BIG_INT, -BIG_NUMBER),
    );

    t.nested_arrays(
        &rick,
        tw::NestedArrays::new(vec![
            vec![
                tw::NestedArraysUniverseCharactersItemItem::new("Rick"),
                tw::NestedArraysUniverseCharactersItemItem::new("Morty"),
            ],
            vec![tw::NestedArraysUniverseCharactersItemItem::new(
                "Evil Morty",
            )],
        ]),
    );
    t.nested_objects(
        &rick,
        tw::NestedObjects::new(tw::NestedObjectsGarage::new(
            tw::NestedObjectsGarageTunnel::new(tw::NestedObjectsGarageTunnelSubterraneanLab {
                jerrys_memories: Some(vec![]),
                mortys_memories: Some(vec![json!("a ball"), json!(137)]),
                summers_contingency_plan: Some("Oh, man, it's a scenario.".into()),
            }),
        )),
    );
    t.properties_collided(
        &rick,
        tw::PropertiesCollided::new("The Citadel", "Galactic Federation"),
    );
    t.property_object_name_collision_1(
        &rick,
        tw::PropertyObjectNameCollision1 {
            universe: Some(tw::PropertyObjectNameCollision1Universe::new(
                "Earth (C-137)",
                vec![tw::PropertyObjectNameCollision1UniverseOccupantsItem::new(
                    "Mr. Meeseeks",
                )],
            )),
        },
    );
    t.property_object_name_collision_2(
        &rick,
        tw::PropertyObjectNameCollision2 {
            universe: Some(tw::PropertyObjectNameCollision2Universe::new(
                "Earth (Replacement Dimension)",
                vec![tw::PropertyObjectNameCollision2UniverseOccupantsItem::new(
                    "Cronenberg Rick",
                )],
            )),
        },
    );
    t.property_sanitized(
        &rick,
        tw::PropertySanitized::new("What a great property name"),
    );
    t.simple_array_types(
        &rick,
        tw::SimpleArrayTypes {
            any: Some(array()),
            boolean: Some(vec![true, false]),
            integer: Some(vec![1, 2]),
            nullable: Some(vec![Some("Evil Morty".into()), None]),
            number: Some(vec![1.5, 2.25]),
            object: Some(vec![
                tw::SimpleArrayTypesObjectItem {
                    name: Some("Rick".into()),
                },
                tw::SimpleArrayTypesObjectItem::new(),
            ]),
            string: Some(vec!["Lawyer Morty".into(), "Evil Morty".into()]),
        },
    );
    // The union takes a string, an integer, and null.
    t.union_type(&rick, tw::UnionType::new(Some("C-137".into())));
    t.union_type(&rick, tw::UnionType::new(Some(137.into())));
    t.union_type(&rick, tw::UnionType::new(None));
    t.event_collided_2(&rick, tw::EventCollided2::new());

    let sent = sent.into_inner();
    let expected = expected();
    assert_eq!(
        sent.len(),
        expected.len(),
        "one call per expected event, and nothing else"
    );
    for (i, (got, want)) in sent.iter().zip(&expected).enumerate() {
        assert_eq!(got, want, "call {i} ({})", want["event"]);
    }
}

#[test]
fn the_large_integer_is_sent_digit_for_digit() {
    let message = tw::Message::new(
        tw::Identity::user("u"),
        &tw::LargeNumbersEvent::new(None, None, BIG_INT, BIG_NUMBER),
    );
    let text = serde_json::to_string(&message).expect("serialises");
    assert!(
        text.contains("\"large required integer\":1230007112658965944"),
        "{text}"
    );
    assert!(
        text.contains("\"large required number\":1.24e+21"),
        "{text}"
    );
}
