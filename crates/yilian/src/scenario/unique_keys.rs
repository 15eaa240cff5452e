//! Maps read from JSON refuse a key given twice.
//!
//! serde_json keeps the last of two equal keys in an object; for a scenario that is a
//! silent fix (`"demand": {"cardiology": 10, "cardiology": 40}` would plan for 40).
//! Duplicate fields of a struct are already refused by serde; the maps of a scenario
//! (`demand`, `exams`, `modalities`, `min_days_by_tier`, `unmet_weight`,
//! `min_days_per_week_by_tier`, `rooms_per_day`) use [`deserialize`] to do the same.

use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// Reads a map, refusing a key that appears twice (`deserialize_with` helper).
pub(crate) fn deserialize<'de, D, K, V>(d: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    struct Unique<K, V>(PhantomData<(K, V)>);
    impl<'de, K, V> Visitor<'de> for Unique<K, V>
    where
        K: Deserialize<'de> + Ord + fmt::Display,
        V: Deserialize<'de>,
    {
        type Value = BTreeMap<K, V>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = map.next_key::<K>()? {
                if out.contains_key(&key) {
                    return Err(A::Error::custom(format!(
                        "duplicate key \"{key}\": give each key once"
                    )));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique(PhantomData))
}
