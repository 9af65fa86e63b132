//! Customer service (客户服务): consultations (咨询) between customers and staff, with the
//! service levels they are answered within and how satisfied customers were.

pub mod consultations;
