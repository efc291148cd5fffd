/** Client questions that each call one tool (zh and en), shared by the agent, http and load benches. */
export const TOOL_QUESTIONS = [
  '我的组合现在值多少钱？',
  'what is my allocation by asset class?',
  '我今年收益怎么样？',
  "how risky is my portfolio, what's my 95% VaR?",
  'what is my risk profile?',
];
