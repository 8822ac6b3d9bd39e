//! **ingest**
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub text: String,
}
