import type { Random } from "./random.js";

// Vocabulary in the register of 附件1 (指标解释 / 评价标准 / 评价说明) and 附件2 (问题清单) of
// real evaluation reports, recombined so each text is report-length and different.

export const rootNames = ["项目决策", "项目过程", "项目产出", "项目效益"] as const;

export const branchNames = [
  "项目立项", "绩效目标", "资金投入", "资金管理", "组织实施", "产出数量", "产出质量", "产出时效",
  "产出成本", "社会效益", "经济效益", "生态效益", "可持续影响", "满意度", "制度建设", "档案管理",
];

export const leafNames = [
  "立项依据充分性", "立项程序规范性", "方案设计合理性", "绩效目标合理性", "绩效指标明确性", "预算编制科学性",
  "资金分配合理性", "资金到位率", "预算执行率", "资金使用合规性", "管理制度健全性", "制度执行有效性",
  "项目建设完成率", "系统运行稳定性", "验收及时性", "运维响应及时率", "设备完好率", "数据共享率",
  "服务覆盖率", "办结率", "成本控制有效性", "信息安全保障", "公众知晓率", "服务对象满意度",
];

export const units = ["永州市行政审批服务局", "永州市人民政府办公室", "永州市财政局", "永州市大数据中心", "永州市公安局", "永州市政务服务中心"];
export const projects = ["智慧永州运维", "政务云租赁", "雪亮工程运维", "电子政务外网运维", "门户网站运维", "视频会议系统运维"];
export const findingTypes = ["政府采购管理不规范", "合同管理不规范", "资产管理不规范", "项目建设管理不规范", "资金支付不规范", "档案资料不完整"];
export const surveyTitles = ["社会公众", "用户单位", "服务对象", "基层工作人员", "企业群众", "窗口办事群众"];

const subjects = [
  "项目立项", "预算资金", "运维方案", "绩效目标", "资金拨付", "政府采购", "合同签订", "项目验收", "信息系统",
  "运维服务", "设备采购", "数据共享交换", "等级保护测评", "网络安全", "机房运维", "档案资料", "会计核算",
];
const verbs = ["是否符合", "是否满足", "是否按照", "是否及时完成", "是否经过", "是否建立", "是否严格执行", "是否有效落实"];
const objects = [
  "相关法律法规和政策要求", "部门职责范围和年度工作计划", "预算批复和合同约定的用途", "必要的可行性研究和专家论证",
  "完整的审批程序和手续", "健全的内部管理制度", "政府采购和招投标相关规定", "信息化资产规模和运维需求",
  "项目实施方案和进度安排", "财务管理制度和专项资金管理办法",
];
const purposes = [
  "用以反映和考核项目决策的依据情况", "用以反映和考核预算资金的规范运行情况", "用以反映和考核项目产出的实际完成情况",
  "用以反映和考核项目实施对社会发展的影响", "用以反映和考核项目管理制度的执行情况", "用以反映和考核服务对象的满意程度",
];
const findingsSaid = [
  "经查阅相关合同和支付凭证", "经现场核查和访谈了解", "根据单位提供的资料", "通过对项目档案的抽查", "结合问卷调查结果",
];
const situations = [
  "项目资金按照合同约定的进度拨付，审批手续完整", "存在部分合同签订时间晚于服务开始时间的情况",
  "运维服务基本按照合同约定的内容和频次开展", "部分项目验收资料不完整，缺少验收报告和专家意见",
  "信息系统总体运行稳定，全年未发生重大安全事故", "个别项目未按规定履行政府采购程序",
  "项目绩效目标设置较为合理，但部分指标未能细化量化", "资产登记不及时，账实不符的情况仍然存在",
  "运维工作日志记录较为完整，能够及时响应用户需求", "部分单位对项目绩效管理的重视程度不够",
];
const scoring = ["符合要求得满分", "每发现一处问题扣0.5分", "未提供相关资料的不得分", "按完成比例计算得分", "扣完为止"];

/** One clause: a subject, a check and what it is measured against. */
function clause(r: Random): string {
  return `${r.pick(subjects)}${r.pick(verbs)}${r.pick(objects)}`;
}

/** Text of about `length` characters made of whole sentences. */
function prose(r: Random, length: number, sentence: (r: Random) => string): string {
  let text = "";
  while (text.length < length) text += sentence(r);
  return text;
}

export function explainText(r: Random, length: number): string {
  return prose(r, length, (r) => `${clause(r)}，${clause(r)}；${r.pick(purposes)}。`);
}

export function criteriaText(r: Random, length: number): string {
  const marks = "①②③④⑤⑥⑦⑧⑨⑩";
  let text = "";
  for (let i = 0; text.length < length && i < marks.length; i++) {
    text += `${i ? "；\n" : ""}${marks[i]}${clause(r)}，${r.pick(scoring)}`;
  }
  return text + "。";
}

export function noteText(r: Random, length: number): string {
  return prose(r, length, (r) => `${r.pick(findingsSaid)}，${r.pick(situations)}，${clause(r)}。`);
}

export function reasonText(r: Random, length: number): string {
  return prose(r, length, (r) => `${r.pick(situations)}，${clause(r)}；`).slice(0, -1);
}
