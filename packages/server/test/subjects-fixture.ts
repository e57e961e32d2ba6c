/**
 * A framework and an evaluation of two subjects that uses it (decision 0091), for the server's
 * tests. Worked by hand: 市数据局 5.5 + 3 = 8.5 良, 市大数据中心 5 + 4 = 9 优; with the framework's
 * weights changed to 5 and 5: 4.5 + 4 = 8.5 and 4 + 4 = 8.
 */
export const framework = `framework 信息化 "信息化指标体系" {
  total 10
  grades { 优 >= 9; 良 >= 8; 中 >= 6; 差 >= 0 }
}
indicator 建设 "系统建设" weight 6 { judgement }
indicator 运维 "运行维护" weight 4 { judgement }
`;
export const evaluation = `evaluation "两单位评价" {
  use "framework.perf"
}
subject 数据局 "市数据局" {
  assess 建设 { deduct 0.5 "验收资料不全" }
  assess 运维 { deduct 1 "巡检记录缺失" }
}
subject 中心 "市大数据中心" {
  assess 建设 { deduct 1 "一个模块未上线" }
  assess 运维 { score 4 }
}
`;
