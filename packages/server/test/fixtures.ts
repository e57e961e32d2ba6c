/** A small evaluation covering every kind of declaration; scores: 1.9 + 3 + 3.6 = 8.5 良. */
export const small = `evaluation "示例项目" {
  total 10
  grades { 优 >= 9; 良 >= 8; 中 >= 6; 差 >= 0 }
}
fact 到位资金 = 100 万元
fact 实际支出 = 95 万元
survey 公众 "社会公众" { satisfaction 90% }
indicator 过程 "项目过程" weight 6 {
  indicator 预算执行率 weight 2 { ratio 实际支出 / 到位资金 }
  indicator 制度执行 weight 4 { per finding deduct 0.5 }
}
indicator 公众满意度 weight 4 { satisfaction mean(公众) }
finding 采购不规范 on 制度执行 {
  unit "财政局"
  type "政府采购管理不规范"
  issue "未落实政府采购流程"
  count 2
}
`;

/** The same in Chinese keywords. */
export const smallZh = `评价 "示例项目" {
  总分 10
  等级 { 优 >= 9; 良 >= 8; 中 >= 6; 差 >= 0 }
}
数据 到位资金 = 100 万元
数据 实际支出 = 95 万元
调查 公众 "社会公众" { 满意度 90% }
指标 过程 "项目过程" 分值 6 {
  指标 预算执行率 分值 2 { 比率 实际支出 / 到位资金 }
  指标 制度执行 分值 4 { 每 问题 扣分 0.5 }
}
指标 公众满意度 分值 4 { 满意度 平均(公众) }
问题 采购不规范 关联 制度执行 {
  单位 "财政局"
  定性 "政府采购管理不规范"
  具体问题 "未落实政府采购流程"
  例数 2
}
`;
