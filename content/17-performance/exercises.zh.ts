import { formatNumber } from '~lib/ui/format.ts';
import type { Translation } from '~components/exercises/translation.ts';
import type * as en from './exercises.ts';

/** How many times slower a ratio above 1 is ("41 倍"). */
const times = (ratio: number) => `${formatNumber(ratio, ratio >= 10 ? 0 : 1)} 倍`;

const zh: Translation<typeof en> = ({ workload, median, small, shapeChange: { tf, sw, compiled } }) => {
  const w = workload(small);
  const cpu = median(w, 'stepwise-cpu');
  const gl = median(w, 'stepwise-webgl2');
  return {
    'performance-small-step': {
      title: '一个很小的 LSTM 步',
      question:
        '批量为 1、H = 16（各章交互组件的大小）的一个 LSTM 步，在同一台机器的同一个浏览器中运行。比较 Stepwise 的 CPU 引擎与在这个任务上最快的 TensorFlow.js 后端（它的 cpu、wasm 或 webgl 后端，哪个胜出就用哪个）。',
      options: ['Stepwise 更快', '大致相同（相差 10% 以内）', 'TensorFlow.js 更快'],
      explanation: `测得的比值是 ${formatNumber(w.ratioCpu ?? Number.NaN, 2)}：Stepwise 每步用时 ${formatNumber(cpu, 3)} ms，而 ${w.bestTfjs} 用时 ${formatNumber(median(w, w.bestTfjs ?? ''), 3)} ms。在这个规模下，算术只有几千次乘加；大部分时间是每个运算的固定开销（调度它、为输出分配内存、把数据交给 WebAssembly 或 GPU 再读回来）。每个运算只分配一次内存的普通 JavaScript 循环，这类开销最少。`,
    },
    'performance-software-gpu': {
      title: '并不存在的 GPU',
      question:
        '同样的 LSTM 步，在 Stepwise 的 WebGL2 后端上运行。这台机器没有显卡，所以 Chromium 在 SwiftShader 上运行 WebGL2，即在 CPU 上模拟。比较 WebGL2 后端与 Stepwise 自己的 CPU 后端。',
      options: ['WebGL2 更快', '大致相同（相差 10% 以内）', 'CPU 更快'],
      explanation: `WebGL2 用时 ${formatNumber(gl, 2)} ms，是 CPU 的 ${formatNumber(cpu, 3)} ms 的 ${times(gl / cpu)}。每个运算都变成一次绘制调用：把输入作为纹理上传，在输出上运行着色器，再把结果读回 JavaScript。在模拟的 GPU 上，这些全都是叠加在同样算术之上的 CPU 工作，而 H = 16 时算术太少，并行带来的好处抵不上这些开销。在真正的 GPU 上，大的工作负载可能反过来；这些数字无法预测这一点。`,
    },
    'performance-new-shape': {
      title: '为每种形状编译',
      question: `LSTM 增加一个单元时，TensorFlow.js 的 webgl 后端在新尺寸下的第一次调用用了 ${formatNumber(tf, 0)} ms；Stepwise 的 WebGL2 后端用了 ${formatNumber(sw, 1)} ms，并且${compiled === 0 ? '没有编译新的着色器' : `编译了 ${compiled} 个新的着色器程序`}。对于读者会拖动滑块的讲解页面，为什么这个差别比对训练脚本更要紧？`,
      modelAnswer:
        '着色器是针对给定的程序文本编译的。把每种形状写进着色器源码的库（循环边界和步长都是常量），每遇到一种新形状就要编译一个新程序，而在 SwiftShader 上，一次编译要花几百毫秒。训练脚本只用少数几种形状，只在开始时付出一次这样的代价。拖动长度或宽度滑块的读者，在拖动的每一步都要求一种新形状，页面就会在每一步卡住。Stepwise 把尺寸作为 uniform 传入，即同一个已编译程序在运行时读取的值，所以它没见过的形状只需付出计算本身的代价。',
    },
  };
};

export default zh;
