import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading.js';

export default function WorkbenchNotFound() {
  return (
    <>
      <PageHeading>页面不存在</PageHeading>
      <p>工作台中没有这个页面，可能链接有误或功能尚未上线。</p>
      <Link to="/workbench">返回工作台首页</Link>
    </>
  );
}
