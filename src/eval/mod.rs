//! Evaluation against BRAT gold annotations.
