import { Link } from 'react-router';
import { useSite } from '../api/session.js';
import { PageHeading } from '../components/PageHeading.js';
import './AccessibilityPage.css';

/** The accessibility statement: what works today, what does not yet, and how to report a barrier. */
export default function AccessibilityPage() {
  const site = useSite();
  const phone = site.data?.phone ?? '0537-12345';
  const siteName = site.data?.siteName ?? '邹城市政务服务';
  return (
    <div className="prose">
      <PageHeading>无障碍声明</PageHeading>
      <p className="lead">
        {siteName}
        希望老年人、残障人士和所有群众都能顺利使用本网站。本页如实说明目前已经做到的、尚未做到的，以及遇到障碍时如何反映。
      </p>

      <section className="card" aria-labelledby="a11y-standard">
        <h2 id="a11y-standard">遵循的标准</h2>
        <p>
          本网站以《Web 内容无障碍指南》（WCAG）2.1 AA 级和国家标准 GB/T 37668-2019《信息技术 互联网内容无障碍可访问性技术要求与测试方法》为目标，并参照工业和信息化部《互联网网站适老化通用设计规范》。
        </p>
      </section>

      <section className="card" aria-labelledby="a11y-tools">
        <h2 id="a11y-tools">无障碍工具怎么用</h2>
        <p>每个页面最上方都有一行无障碍工具，不会弹出窗口遮挡页面：</p>
        <ul>
          <li>
            <strong>长辈版</strong>：按一下即可开启或关闭。开启后文字更大（正文不小于 18 像素，标题不小于 30 像素）、按钮更大（不小于 60×60 像素），首页把养老保险、高龄津贴、医保等常用服务放在最前面。本设备会记住您的选择；登录后还会保存在您的账号里，换一台手机登录也会自动使用。年满 60 周岁的群众登录后，页面顶部会询问是否切换到长辈版。
          </li>
          <li>
            <strong>朗读全文</strong>：从本页标题开始读出主要内容，可随时“暂停朗读”“继续朗读”“停止朗读”。设备带有普通话语音时使用设备的声音，没有时由网站合成语音播放，手机和自助终端同样可用。
          </li>
          <li>
            在“无障碍工具”里还有：<strong>朗读选中文字</strong>（先用鼠标拖动或手指长按选中文字）；<strong>指读</strong>（开启后，鼠标停在哪里、或用 Tab 键移到哪里，就读哪里，正在读的内容用虚线框标出）；朗读语速（慢速、中速、快速）。
          </li>
          <li>
            <strong>语音搜索</strong>：浏览器支持语音识别时显示，按下后说出要办的事（例如“办低保”），即可搜索；浏览器不支持时不显示此按钮。
          </li>
          <li>
            <strong>文字大小</strong>（A− 小字、A 标准字、A+ 大字、A++ 特大字）、<strong>高对比度</strong>（黑底白字、黄色链接）、<strong>超大鼠标</strong>，以及“恢复默认”。这些设置保存在本设备上。
          </li>
        </ul>
      </section>

      <section className="card" aria-labelledby="a11y-today">
        <h2 id="a11y-today">目前已支持</h2>
        <ul>
          <li>全部功能可只用键盘操作：按 Tab 键依次移动，获得焦点的元素有清晰的边框；每页第一个可用链接是“跳到主要内容”。</li>
          <li>页面使用规范的标题层级、页眉、主要内容、页脚等结构，并为每个输入框、按钮和链接提供文字名称，便于读屏软件（如手机自带的读屏功能、NVDA、争渡读屏）朗读。</li>
          <li>文字与背景的颜色对比度不低于 4.5:1，输入框边框对比度不低于 3:1；出错提示和各种状态都用文字说明，不只靠颜色区分。</li>
          <li>页面随屏幕宽度自动排版，可在手机上使用；浏览器放大到 200% 或使用最大字号时内容不丢失、不重叠，不需要左右滑动。</li>
          <li>登录采用手机短信验证码，没有需要辨认图片的验证码；收不到短信时可“重新获取”，也可拨打咨询电话或到服务窗口办理。</li>
          <li>群众使用的页面不会因为操作慢而自动关闭或清空：群众登录后长时间（默认 7 天）不操作才需要重新登录；短信验证码过期了，按“重新获取”即可。工作人员长时间未操作、登录即将到期时，提前 2 分钟提示，并可选择“继续使用”延长。</li>
          <li>长辈版和所有页面都没有广告和弹窗。</li>
          <li>
            网上申请分步填写：每一步的标题会获得焦点，读屏软件会读出当前是第几步；提交前有“核对并提交”一步，可逐项返回修改；填写的内容自动保存为草稿，换一台设备登录也能接着填。只能到窗口办理的事项不提供“在线申请”，页面会说明原因和办理地点、电话。
          </li>
          <li>项目的自动化测试在每次修改后，用 axe 工具按 WCAG 2.1 A/AA 规则检查全部页面（普通版和长辈版，100% 和 200% 放大），并检查网页代码是否规范、长辈版的字号和按钮大小、只用键盘能否办完查询事项。自动化工具只能发现部分问题，我们同样重视人工反馈。</li>
        </ul>
      </section>

      <section className="card" aria-labelledby="a11y-gaps">
        <h2 id="a11y-gaps">尚未支持（正在建设）</h2>
        <ul>
          <li>部分事项的办事指南提供“到其他网站办理（外部网站）”的链接，会在新窗口打开其他网站（如山东省政务服务网），该网站的无障碍情况以其说明为准。</li>
          <li>网站合成的朗读语音是机器声音，语调较生硬；设备自带普通话语音时效果更好。</li>
          <li>语音搜索依赖浏览器自带的语音识别，部分浏览器和手机不支持。</li>
          <li>工作人员工作台没有长辈版和网站朗读，可使用浏览器缩放或读屏软件；其中部分表格在手机小屏幕上需要左右滑动查看。</li>
        </ul>
      </section>

      <section className="card" aria-labelledby="a11y-report">
        <h2 id="a11y-report">遇到障碍怎么办</h2>
        <p>如果您在使用本网站时遇到任何无法操作、看不清或听不到的情况，请告诉我们：</p>
        <ul>
          <li>
            拨打咨询电话 <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>，说明是“网站无障碍问题”。
          </li>
          <li>请尽量告诉我们：遇到问题的页面（例如“群众登录”页）、您想做的事情、使用的设备和浏览器，以及是否使用读屏或放大软件。</li>
          <li>需要办理的事项不能因网站障碍而耽误：您可以直接前往镇（街道）为民服务中心或村（社区）便民服务站，由工作人员帮办代办。</li>
        </ul>
        <p>
          返回<Link to="/">首页</Link>。
        </p>
      </section>

      <p className="muted">本声明随网站功能更新而更新，最近更新于 2026 年 11 月。</p>
    </div>
  );
}
