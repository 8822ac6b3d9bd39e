//! **emit**
